"""The ``runseason`` command: migrations and settings, with one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from runseason.cli.main import app
from runseason.config import reset_settings_cache
from runseason.db.models import AthleteSnapshot
from runseason.db.session import dispose_engine
from runseason.services.refresh import queue
from tests.factories import NOW, World

runner = CliRunner()


def test_config_show_masks_the_secret_key(fresh_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNSEASON_SECRET_KEY", "s3cret-value-that-must-not-print-000")
    reset_settings_cache()
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["secret_key"] == "********"
    assert "s3cret" not in result.output


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"RUNSEASON_DATABASE_URL": "oracle://x/y"}, "unsupported database 'oracle'"),
        (
            {"RUNSEASON_DATABASE_URL": "postgresql+psycopg://u@127.0.0.1:1/none"},
            "database unreachable",
        ),
        ({"RUNSEASON_SECURITY__LOCKOUT_THRESHOLD": "1"}, "security.lockout_threshold"),
        ({"RUNSEASON_ENV": "prod"}, "prod refuses the default secret key"),
    ],
)
def test_bad_configuration_exits_1_with_one_line(
    fresh_env: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], message: str
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    reset_settings_cache()
    dispose_engine()
    result = runner.invoke(app, ["db", "current"])
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_worker_once_drains_the_refresh_queue(db: Session, world: World) -> None:
    queue.enqueue(db, world.greta.id, world.north.id, NOW.date(), now=NOW)
    queue.enqueue(db, world.riley.id, world.north.id, NOW.date(), now=NOW)
    result = runner.invoke(app, ["worker", "--once", "--nice", "0"])
    assert result.exit_code == 0, result.output
    assert "refreshed 2 athletes" in result.output
    assert queue.queue_status(db).pending == 0
    assert db.get(AthleteSnapshot, world.greta.id) is not None
    again = runner.invoke(app, ["worker", "--once", "--nice", "0"])
    assert "refreshed 0 athletes" in again.output
