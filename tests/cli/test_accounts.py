"""``runseason org`` and ``runseason user`` from a fresh database."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session
from typer.testing import CliRunner

from runseason.cli.main import app

runner = CliRunner()
ORG = ["org", "create", "Hill Harriers", "--slug", "hill", "--timezone", "Europe/London"]


def user_args(email: str, role: str, *extra: str, org: str = "hill") -> list[str]:
    """Arguments of ``runseason user create``."""
    name = email.split("@", maxsplit=1)[0].title()
    return [
        "user",
        "create",
        "--org",
        org,
        "--email",
        email,
        "--name",
        name,
        "--role",
        role,
        *extra,
    ]


def test_creates_an_organization_a_coach_and_an_athlete(db: Session) -> None:
    result = runner.invoke(app, ORG)
    assert result.exit_code == 0, result.output
    coach = runner.invoke(app, user_args("hal@hill.example.com", "coach"))
    assert coach.exit_code == 0, coach.output
    assert re.search(r"temporary password \(shown once\): \S{20}", coach.output)
    athlete = runner.invoke(
        app, user_args("ian@hill.example.com", "athlete", "--coach-email", "hal@hill.example.com")
    )
    assert athlete.exit_code == 0, athlete.output
    reset = runner.invoke(app, ["user", "reset-password", "--email", "ian@hill.example.com"])
    assert reset.exit_code == 0
    assert "shown once" in reset.output


def test_bad_input_is_one_clear_line_and_exit_one(db: Session) -> None:
    result = runner.invoke(app, ["org", "create", "Some Club", "--slug", "Bad Slug!"])
    assert result.exit_code == 1
    assert "slug" in result.output
    missing = runner.invoke(app, user_args("a@b.example.com", "coach", org="nowhere"))
    assert missing.exit_code == 1
    assert "No organization has the slug 'nowhere'" in missing.output
    assert runner.invoke(app, ORG).exit_code == 0
    wrong = runner.invoke(app, user_args("a@b.example.com", "owner"))
    assert wrong.exit_code == 1
    assert "--role must be" in wrong.output
    unknown = runner.invoke(app, ["user", "reset-password", "--email", "nobody@b.example.com"])
    assert unknown.exit_code == 1
