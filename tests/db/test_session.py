"""The transaction boundary, SQLite pragmas, connection retries and URL validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from runseason.config import load_settings
from runseason.db.models import Organization
from runseason.db.session import create_db_engine, session_scope, wait_for_database
from runseason.errors import ConfigurationError, DatabaseUnavailable


def test_session_scope_commits_on_success_and_rolls_back_on_error(db: Session) -> None:
    with session_scope() as session:
        session.add(Organization(name="Kept", slug="kept"))

    def failing_use_case() -> None:
        with session_scope() as session:
            session.add(Organization(name="Lost", slug="lost"))
            session.flush()
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        failing_use_case()
    slugs = set(db.scalars(select(Organization.slug)))
    assert "kept" in slugs
    assert "lost" not in slugs


def test_readonly_scope_never_writes(db: Session) -> None:
    with session_scope(readonly=True) as session:
        session.add(Organization(name="Ghost", slug="ghost"))
        session.flush()
    assert db.scalar(select(Organization).where(Organization.slug == "ghost")) is None


def test_sqlite_uses_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    engine.dispose()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "invalid RUNSEASON_DATABASE_URL"),
        ("mysql://u@h/db", "unsupported database 'mysql'"),
        ("postgresql+nosuchdriver://u@h/db", "invalid RUNSEASON_DATABASE_URL"),
    ],
)
def test_bad_database_url_gives_one_clear_error(url: str, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        create_db_engine(url)


def test_unreachable_database_fails_after_retries_with_backoff(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sleeps: list[float] = []
    monkeypatch.setattr("runseason.db.session.time.sleep", sleeps.append)
    settings = load_settings(db_connect_retries=3, db_connect_backoff_s=0.25)
    engine = create_db_engine("postgresql+psycopg://nobody@127.0.0.1:1/none", settings)
    with pytest.raises(DatabaseUnavailable, match="after 3 tries"):
        wait_for_database(engine, settings)
    assert sleeps == [0.25, 0.5]
