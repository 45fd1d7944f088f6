"""Shared fixtures: one migrated database per test session, one rolled-back transaction per test."""

from __future__ import annotations

import os
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
from sqlalchemy import Engine
from sqlalchemy.orm import Session

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
