"""The declarative base: constraint names by convention, UTC times and JSON by annotation, the
shared mixins, and the CHECK helpers that refuse a bad row on either database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Column, Engine, Float, Integer, MetaData, String, Table, insert
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from runseason.db.base import NAMING_CONVENTION, Base, between, in_values, non_negative
from runseason.db.models import Organization, TrainingLog
from runseason.db.session import create_db_engine
from runseason.db.types import JSONType, UTCDateTime
from tests.dbutil import fresh_database_url


def test_constraints_are_named_by_the_convention() -> None:
    table = Base.metadata.tables["training_plans"]
    names = {c.name for c in table.constraints}
    assert {"pk_training_plans", "ck_training_plans_status_valid"} <= names
    assert "ck_training_plans_weeks_range" in names
    assert "fk_training_plans_athlete_id_athletes" in names
    assert Base.metadata.naming_convention == NAMING_CONVENTION


def test_times_are_utc_and_dicts_and_lists_are_json_by_annotation() -> None:
    columns = TrainingLog.__table__.c
    assert isinstance(columns.created_at.type, UTCDateTime)
    assert columns.load_details.type is JSONType
    on_postgresql = columns.load_details.type.dialect_impl(postgresql.dialect())
    assert isinstance(on_postgresql, postgresql.JSONB)


def test_the_tenant_column_is_an_indexed_cascading_key_to_the_organization() -> None:
    column = TrainingLog.__table__.c.organization_id
    (key,) = column.foreign_keys
    assert (key.column.table.name, key.ondelete) == ("organizations", "CASCADE")
    assert column.index


def test_timestamps_are_set_on_insert_and_moved_on_update(db: Session) -> None:
    org = Organization(name="Eastside", slug="eastside")
    db.add(org)
    db.flush()
    assert org.created_at is not None
    assert org.updated_at - org.created_at < timedelta(seconds=1)
    assert org.created_at.utcoffset() == timedelta(0)
    created = org.created_at
    org.name = "Eastside Runners"
    db.flush()
    db.refresh(org)
    assert org.created_at == created
    assert org.updated_at >= created


def test_tables_are_unaudited_by_default_and_ignore_updated_at() -> None:
    assert Base.__audited__ is False
    assert Base.__audit_ignored__ == {"updated_at"}
    assert Organization.__audited__ is True


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Engine]:
    """A fresh empty database of the suite's kind (SQLite, or PostgreSQL when configured)."""
    with fresh_database_url(tmp_path, "base") as url:
        engine = create_db_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()


@pytest.fixture
def checked(scratch: Engine) -> Table:
    """A scratch table with one CHECK of each helper."""
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    table = Table(
        "scratch_checks",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("kind", String(10), nullable=False),
        Column("score", Float),
        Column("weeks", Integer),
        Column("load", Float),
        in_values("kind", ("easy", "hard")),
        between("score", 0, 10),
        between("weeks", 1, 60, nullable=False),
        non_negative("load"),
    )
    metadata.create_all(scratch)
    return table


def test_the_helpers_name_their_checks(checked: Table) -> None:
    names = {c.name for c in checked.constraints if c.name and c.name.startswith("ck_")}
    assert names == {
        "ck_scratch_checks_kind_valid",
        "ck_scratch_checks_score_range",
        "ck_scratch_checks_weeks_range",
        "ck_scratch_checks_load_non_negative",
    }
    assert in_values("kind", ("a",), name="kind_ok").name == "kind_ok"
    # NOT NULL is the column's to say: a non-nullable range only drops the NULL escape.
    assert "IS NULL" not in str(between("weeks", 1, 60, nullable=False).sqltext)
    assert "IS NULL" in str(between("weeks", 1, 60).sqltext)


GOOD = {"kind": "easy", "score": 10, "weeks": 1, "load": 0}


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "medium"},
        {"score": -0.5},
        {"score": 10.5},
        {"weeks": 0},
        {"weeks": 61},
        {"load": -1},
    ],
)
def test_a_check_refuses_a_bad_row(scratch: Engine, checked: Table, bad: dict[str, object]) -> None:
    with scratch.begin() as conn:
        conn.execute(insert(checked), {**GOOD, "score": None, "load": None})  # nullable: fine
        conn.execute(insert(checked), GOOD)
    with pytest.raises(IntegrityError), scratch.begin() as conn:
        conn.execute(insert(checked), {**GOOD, **bad})
