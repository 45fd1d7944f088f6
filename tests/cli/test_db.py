"""``runseason db``: migrate up and down and say where the schema stands."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from runseason.cli.main import app

runner = CliRunner()


def test_db_upgrade_current_downgrade(fresh_env: Path) -> None:
    result = runner.invoke(app, ["db", "current"])
    assert result.exit_code == 0, result.output
    assert "base (empty)" in result.output
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["db", "current"]).output.strip().endswith("up to date")
    result = runner.invoke(app, ["db", "downgrade", "--revision", "base"])
    assert result.exit_code == 0
    assert "base (empty)" in result.output
