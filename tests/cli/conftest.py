"""A fresh, empty SQLite database for commands that migrate or read settings themselves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from runseason.config import reset_settings_cache
from runseason.db.session import dispose_engine


@pytest.fixture
def fresh_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """Point the commands at an empty database file of their own."""
    db_file = tmp_path / "cli.db"
    monkeypatch.setenv("RUNSEASON_DATABASE_URL", f"sqlite:///{db_file}")
    monkeypatch.setenv("RUNSEASON_DB_CONNECT_RETRIES", "1")
    reset_settings_cache()
    dispose_engine()
    yield db_file
    dispose_engine()
    reset_settings_cache()
