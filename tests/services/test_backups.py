"""Scheduled backups: one copy per interval however often the job fires, the newest N kept."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from runseason.config import reset_settings_cache
from runseason.services import backups

START = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


@pytest.fixture
def live(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A small SQLite database as the settings' database, and a backup folder."""
    db_file = tmp_path / "live.db"
    with sqlite3.connect(db_file) as conn:
        conn.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY, km REAL)")
        conn.executemany("INSERT INTO runs (km) VALUES (?)", [(5.0,), (10.0,)])
    conn.close()
    monkeypatch.setenv("RUNSEASON_DATABASE_URL", f"sqlite:///{db_file}")
    monkeypatch.setenv("RUNSEASON_BACKUP_DIR", str(tmp_path / "copies"))
    monkeypatch.setenv("RUNSEASON_BACKUP_INTERVAL_HOURS", "1")
    monkeypatch.setenv("RUNSEASON_BACKUP_KEEP", "2")
    reset_settings_cache()
    yield tmp_path / "copies"
    monkeypatch.undo()
    reset_settings_cache()


def test_one_copy_per_interval_and_only_the_newest_kept(live: Path) -> None:
    first = backups.run_scheduled_backup(now=START)
    assert first is not None
    with sqlite3.connect(first) as conn:
        assert conn.execute("SELECT sum(km) FROM runs").fetchone() == (15.0,)
    conn.close()
    assert backups.run_scheduled_backup(now=START + timedelta(minutes=10)) is None
    for hours in (1, 2):
        assert backups.run_scheduled_backup(now=START + timedelta(hours=hours)) is not None
    kept = [p.name for p in backups.copies(live)]
    assert kept == ["runseason-20261201T040000Z.sqlite", "runseason-20261201T050000Z.sqlite"]


def test_without_a_folder_no_copy_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RUNSEASON_BACKUP_DIR", raising=False)
    reset_settings_cache()
    assert backups.run_scheduled_backup(now=START) is None
