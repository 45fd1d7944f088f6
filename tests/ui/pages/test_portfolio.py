"""Coach · Portfolio."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from runseason.db.models import RaceGoal
from tests.factories import NOW, World
from tests.ui.conftest import Open, text_of


def _joined(db: Session, world: World) -> None:
    for athlete in (world.greta, world.sam, world.riley, world.ramp):
        athlete.created_at = datetime(2025, 6, 1, tzinfo=UTC)
    db.add(
        RaceGoal(
            organization_id=world.north.id,
            athlete_id=world.greta.id,
            name="Autumn 5K",
            distance_m=5000.0,
            race_date=NOW.date() - timedelta(days=30),
            status="completed",
            target_time_s=1300.0,
            result_time_s=1250.0,
        )
    )
    db.commit()


def test_a_coach_sees_the_seasons_figures(open_page: Open, world: World, db: Session) -> None:
    _joined(db, world)
    at = open_page(world.cole, "portfolio")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Athletes"] == "2"
    assert metrics["Goals reached"] == "1 of 1"
    assert metrics["Adherence"] == "–"
    assert "Portfolio" in text_of(at)


def test_an_admin_narrows_to_one_coach(open_page: Open, world: World, db: Session) -> None:
    _joined(db, world)
    at = open_page(world.ada, "portfolio")
    assert {m.label: m.value for m in at.metric}["Athletes"] == "4"
    coach = next(s for s in at.selectbox if s.label == "Coach")
    coach.select(world.asha.id).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Athletes"] == "2"
    assert metrics["Goals reached"] == "0 of 0"
