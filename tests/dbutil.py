"""Throwaway databases for the test suite: a SQLite file, or a fresh PostgreSQL database per run.

Each run on PostgreSQL creates its own database next to the one named by
``RUNSEASON_TEST_DATABASE_URL`` and drops it afterwards, so concurrent runs never collide.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

PG_ENV = "RUNSEASON_TEST_DATABASE_URL"


def postgres_url() -> str | None:
    """The PostgreSQL server the suite should also run on, if any."""
    return os.environ.get(PG_ENV) or None


@contextmanager
def fresh_database_url(tmp_dir: Path, name: str = "runseason") -> Iterator[str]:
    """Yield the URL of a new empty database, removed when the block ends."""
    base = postgres_url()
    if base is None:
        yield f"sqlite:///{tmp_dir / f'{name}-{secrets.token_hex(4)}.db'}"
        return
    url = make_url(base)
    db_name = f"rs_test_{name}_{secrets.token_hex(4)}".lower()
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{db_name}"'))
    try:
        yield url.set(database=db_name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def migrated_factory(tmp_dir: Path, name: str) -> Iterator[tuple[Engine, sessionmaker[Session]]]:
    """A fresh migrated database and a session factory on it, for tests that commit for real."""
    from runseason.db import migrate  # noqa: PLC0415 (keep this module light for conftest)
    from runseason.db.session import create_db_engine, make_session_factory  # noqa: PLC0415

    with fresh_database_url(tmp_dir, name) as url:
        engine = create_db_engine(url)
        try:
            migrate.upgrade(engine)
            yield engine, make_session_factory(engine)
        finally:
            engine.dispose()
