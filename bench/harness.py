"""What every case shares: the clock of the run, timing and statistics, fresh databases, sessions.

Importing it sets the environment the platform's modules read at import: import it before them.
"""

from __future__ import annotations

import os
import secrets
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("RUNSEASON_ENV", "test")  # AppTest signs in through the test-only hook
os.environ.setdefault("RUNSEASON_LOG_LEVEL", "WARNING")

import numpy as np
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from runseason.db import migrate
from runseason.db.session import (
    create_db_engine,
    make_session_factory,
    use_session_factory,
)
from runseason.schemas.accounts import UserCreate
from runseason.services.identity import users

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime.now(UTC).replace(microsecond=0)
PASSWORD = "bench password " + secrets.token_hex(4)

# Warm-up runs of a read on a pooled connection: psycopg prepares a statement at its fifth
# execution and PostgreSQL settles on a generic plan after five more, where a server's
# connections spend their lives. Reads end with COMMIT, as a request does, because a ROLLBACK
# makes psycopg forget its prepared statements.
STEADY_WARMUP = 10


def timed(func: Callable[[], object], repeat: int, warmup: int = 1) -> list[float]:
    """Milliseconds of ``repeat`` runs after ``warmup`` runs."""
    for _ in range(warmup):
        func()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        out.append((time.perf_counter() - start) * 1000)
    return out


def med(values: list[float]) -> float:
    """The median, rounded for the table."""
    return round(statistics.median(values), 2)


def p95(values: list[float]) -> float:
    """The 95th percentile, rounded for the table."""
    return round(float(np.percentile(values, 95)), 2)


@contextmanager
def database(kind: str, workdir: Path) -> Iterator[str]:
    """A fresh, migrated database: a SQLite file, or a new PostgreSQL database beside the URL."""
    if kind == "sqlite":
        url = f"sqlite:///{workdir / f'bench-{secrets.token_hex(3)}.db'}"
        _migrate(url)
        yield url
        return
    base = make_url(os.environ["RUNSEASON_BENCH_DATABASE_URL"])
    name = f"rs_bench_{secrets.token_hex(4)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        _migrate(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _migrate(url: str) -> None:
    engine = create_db_engine(url)
    migrate.upgrade(engine)
    engine.dispose()


def open_session(url: str) -> tuple[Session, Callable[[], None]]:
    """A session on ``url`` that is also the process's session factory, and how to close both."""
    engine = create_db_engine(url)
    factory = make_session_factory(engine)
    use_session_factory(factory)
    session = factory()

    def close() -> None:
        session.close()
        use_session_factory(None)
        engine.dispose()

    return session, close


def create_admin(session: Session, org_id: int) -> int:
    """An admin of the organization, committed; their user id."""
    created = users.create_user(
        session,
        None,
        UserCreate(email=f"admin{org_id}@bench.example.com", full_name="Bench Admin", role="admin"),
        now=NOW,
        organization_id=org_id,
        password=PASSWORD,
    )
    session.commit()
    return created.user.id
