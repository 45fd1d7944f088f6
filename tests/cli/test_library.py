"""``runseason library sync``: the built-in library into the database, safe to repeat."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from runseason.cli.main import app
from runseason.db.models import SessionTemplate
from runseason.domain.library import builtin_templates


def test_sync_loads_the_library_once(db: Session) -> None:
    total = len(builtin_templates())
    first = CliRunner().invoke(app, ["library", "sync"])
    assert first.exit_code == 0, first.output
    assert f"{total} built-in templates, {total} added or updated" in first.output
    again = CliRunner().invoke(app, ["library", "sync"])
    assert f"{total} built-in templates, 0 added or updated" in again.output
    stored = db.scalar(select(func.count()).where(SessionTemplate.is_builtin))
    assert stored == total
