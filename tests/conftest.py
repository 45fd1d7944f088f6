"""Shared fixtures: one migrated database per test session, one rolled-back transaction per test."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("RUNSEASON_ENV", "test")
os.environ.setdefault("RUNSEASON_LOG_FORMAT", "json")
# Cheap password hashing in tests only (1 ms instead of ~70 ms); the product's floor is tested
# separately against the default settings.
os.environ.setdefault("RUNSEASON_SECURITY__ARGON2_MEMORY_KIB", "1024")
os.environ.setdefault("RUNSEASON_SECURITY__ARGON2_TIME_COST", "1")

import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session
from sqlalchemy.pool import Pool

from runseason.config import reset_settings_cache
from runseason.db import migrate
from runseason.db.session import create_db_engine, make_session_factory, use_session_factory
from runseason.services.identity import passwords, ratelimit
from tests.dbutil import fresh_database_url
from tests.factories import World, make_world

# Property tests explore the same examples on every run, so CI is repeatable; run with
# HYPOTHESIS_PROFILE=explore locally to search new ones.
hypothesis_settings.register_profile("repeatable", derandomize=True, deadline=None)
hypothesis_settings.register_profile("explore", deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """The project's shared folder (docs and fixtures), beside the repository."""
    return Path(os.environ.get("RUNSEASON_SHARED_DIR", REPO_ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database for the whole run (SQLite, or PostgreSQL when configured)."""
    with fresh_database_url(tmp_path_factory.mktemp("db"), "suite") as url:
        os.environ["RUNSEASON_DATABASE_URL"] = url
        reset_settings_cache()
        engine = create_db_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        yield url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    """The engine of the suite's database."""
    eng = create_db_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture(autouse=True)
def _nothing_left_behind(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that leaves a thread running or a database connection checked out: on a busy
    machine either one outlives its test and holds a lock the next test waits for.

    Browser tests are not checked: their servers are shared by the whole session on purpose. A test
    marked ``foreign_threads`` (a library's runner that starts threads it never stops) is checked
    for connections only.
    """
    if "e2e" in request.node.path.parts:
        yield
        return
    threads_checked = request.node.get_closest_marker("foreign_threads") is None
    before = set(threading.enumerate())
    _checked_out.clear()
    yield
    deadline = time.monotonic() + 2.0  # a thread told to stop may need a moment to end
    while (
        (_new_threads(before) and threads_checked) or _checked_out
    ) and time.monotonic() < deadline:
        time.sleep(0.02)
    left = _new_threads(before) if threads_checked else []
    still_open = len(_checked_out)
    _checked_out.clear()
    assert not left, f"the test left threads running: {sorted(t.name for t in left)}"
    assert not still_open, f"the test left {still_open} database connection(s) checked out"


def _new_threads(before: set[threading.Thread]) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t not in before and t.is_alive()]


# Connections checked out of any SQLAlchemy pool during the test and not yet returned.
_checked_out: set[int] = set()


@event.listens_for(Pool, "checkout")
def _on_checkout(_dbapi: object, record: object, _proxy: object) -> None:
    _checked_out.add(id(record))


@event.listens_for(Pool, "checkin")
def _on_checkin(_dbapi: object, record: object) -> None:
    _checked_out.discard(id(record))


@pytest.fixture(autouse=True)
def _fresh_limits() -> Iterator[None]:
    """Every test starts with empty rate-limit counters and freshly read settings."""
    ratelimit.reset_limiter()
    passwords.reset_hasher_cache()
    yield
    ratelimit.reset_limiter()


@pytest.fixture
def world(db: Session) -> World:
    """The named characters of two organizations (see tests/factories.py)."""
    return make_world(db)


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test.

    ``session_scope()`` in the code under test joins the same transaction through savepoints, so
    services, the API and Streamlit pages all see the test's data and leave nothing behind.
    """
    connection = engine.connect()
    transaction = connection.begin()
    factory = make_session_factory(connection, join_transaction_mode="create_savepoint")
    use_session_factory(factory)
    session = factory()
    try:
        yield session
    finally:
        session.close()
        use_session_factory(None)
        if transaction.is_active:
            transaction.rollback()
        connection.close()
