"""``runseason demo``: create and refresh the demo organization from the command line."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from runseason.cli.main import app
from runseason.db.models import (
    Intervention,
    Organization,
    TrainingLog,
)
from runseason.demo import demo_exists


def test_cli_creates_then_refreshes_the_demo(db: Session, tmp_path: Path) -> None:
    creds = tmp_path / "demo-credentials.txt"
    runner = CliRunner()
    args = ["demo", "--athletes", "2", "--weeks", "2", "--credentials", str(creds)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "admin@demo.example.com" in first.stdout
    assert demo_exists()
    lines = creds.read_text().splitlines()
    assert len(lines) == 1 + 3 + 2
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert len(list(db.scalars(select(Organization).where(Organization.slug == "demo")))) == 1
    assert creds.read_text().splitlines() != lines, "a refresh issues new passwords"


def test_bad_spec_is_refused(db: Session) -> None:
    result = CliRunner().invoke(app, ["demo", "--athletes", "0"])
    assert result.exit_code != 0
    assert "athlete" in result.output


def test_cli_bulk_flag_uses_the_bulk_path(db: Session, tmp_path: Path) -> None:
    creds = tmp_path / "creds.txt"
    result = CliRunner().invoke(
        app,
        ["demo", "--athletes", "3", "--weeks", "3", "--bulk", "--credentials", str(creds)],
    )
    assert result.exit_code == 0, result.output
    org = db.scalar(select(Organization).where(Organization.slug == "demo"))
    assert org is not None
    assert db.scalar(select(TrainingLog.id).where(TrainingLog.organization_id == org.id))
    assert db.scalar(select(Intervention.id).where(Intervention.organization_id == org.id)) is None
