"""Athlete · Log: logging a session by hand."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import TrainingLog
from tests.factories import World
from tests.ui.conftest import Open, button_of


def test_renders_for_an_athlete(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.user_of(world.riley, db), "log")
    assert at.title


def test_logging_a_session_by_hand(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.user_of(world.riley, db), "log")
    button_of(at, "Save session").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any("Saved: load" in s.value for s in at.success)
    logs = db.scalars(select(TrainingLog).where(TrainingLog.athlete_id == world.riley.id)).all()
    assert len(logs) == 1
    assert logs[0].duration_s == 45 * 60
