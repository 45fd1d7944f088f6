"""``runseason backup`` and ``runseason restore`` on the embedded database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from runseason.cli.main import app
from runseason.config import reset_settings_cache
from runseason.db.session import dispose_engine

runner = CliRunner()


@pytest.fixture
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    db_file = tmp_path / "live.db"
    monkeypatch.setenv("RUNSEASON_DATABASE_URL", f"sqlite:///{db_file}")
    monkeypatch.setenv("RUNSEASON_DB_CONNECT_RETRIES", "1")
    reset_settings_cache()
    dispose_engine()
    yield db_file
    dispose_engine()
    reset_settings_cache()


def _organizations(db_file: Path) -> list[str]:
    engine = create_engine(f"sqlite:///{db_file}")
    with engine.connect() as conn:
        names = [r[0] for r in conn.execute(text("SELECT slug FROM organizations ORDER BY slug"))]
    engine.dispose()
    return names


def test_backup_then_restore_brings_the_data_back(database: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    made = runner.invoke(app, ["org", "create", "Northside", "--slug", "northside"])
    assert made.exit_code == 0, made.output
    target = tmp_path / "saved.sqlite"
    saved = runner.invoke(app, ["backup", str(target)])
    assert saved.exit_code == 0, saved.output
    assert "sqlite backup written to" in saved.output
    runner.invoke(app, ["org", "create", "Later", "--slug", "later"])
    assert _organizations(database) == ["later", "northside"]
    back = runner.invoke(app, ["restore", str(target), "--yes"])
    assert back.exit_code == 0, back.output
    assert _organizations(database) == ["northside"]


def test_restore_asks_first_and_refuses_other_files(database: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    saved = tmp_path / "saved.sqlite"
    assert runner.invoke(app, ["backup", str(saved)]).exit_code == 0
    declined = runner.invoke(app, ["restore", str(saved)], input="n\n")
    assert declined.exit_code == 1
    assert "nothing changed" in declined.output
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00" * 64)
    refused = runner.invoke(app, ["restore", str(junk), "--yes"])
    assert refused.exit_code == 1
    assert "neither a SQLite backup nor a pg_dump archive" in refused.output
