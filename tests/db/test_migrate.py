"""Migrations in code: the head shipped, a database walked up and down one revision at a time, the
revision read through a connection, and the differences between the models and a schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from runseason.db import migrate
from runseason.db.session import create_db_engine
from tests.dbutil import fresh_database_url


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Engine]:
    """A fresh, unmigrated database of the suite's kind."""
    with fresh_database_url(tmp_path, "migrate") as url:
        engine = create_db_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()


def _script() -> ScriptDirectory:
    return ScriptDirectory(str(migrate.MIGRATIONS_DIR))


def test_the_head_is_the_one_revision_nothing_follows() -> None:
    script = _script()
    (head,) = script.get_heads()
    assert migrate.head_revision() == head
    assert script.get_revision(head).nextrev == frozenset()


def test_a_database_is_walked_up_and_down_by_revision(empty: Engine) -> None:
    script = _script()
    head = script.get_revision(migrate.head_revision())
    previous = head.down_revision
    assert isinstance(previous, str)
    assert migrate.current_revision(empty) is None
    migrate.upgrade(empty, previous)
    assert migrate.current_revision(empty) == previous
    migrate.upgrade(empty)
    assert migrate.current_revision(empty) == head.revision
    migrate.downgrade(empty)  # one step, by default
    assert migrate.current_revision(empty) == previous
    with empty.connect() as connection:
        assert migrate.revision_of(connection) == previous


def test_the_differences_name_what_the_schema_lacks(empty: Engine) -> None:
    first = _script().get_base()
    assert isinstance(first, str)
    migrate.upgrade(empty, first)
    missing = migrate.schema_differences(empty)
    added = {d[1].name for d in missing if isinstance(d, tuple) and d[0] == "add_table"}
    assert "calendar_feeds" in added  # a table a later migration creates
    assert "calendar_feeds" not in inspect(empty).get_table_names()
    migrate.upgrade(empty)
    assert migrate.schema_differences(empty) == []
    migrate.downgrade(empty, "base")
    assert migrate.current_revision(empty) is None
    assert set(inspect(empty).get_table_names()) <= {"alembic_version"}
