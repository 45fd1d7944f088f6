"""Athlete · Progress."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from runseason.schemas.plans import GoalCreate, PlanCreate
from runseason.services.plans import generation, goals
from runseason.ui import wording
from tests.factories import World, actor
from tests.ui.conftest import Open


def test_renders_for_an_athlete(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.user_of(world.riley, db), "progress")
    assert at.title


def test_the_fitness_chart_continues_dashed_to_race_day(
    open_page: Open, world: World, db: Session
) -> None:
    coach = actor(db, world.asha)
    race_day = date.today() + timedelta(weeks=12)
    goal = goals.create_goal(
        db,
        coach,
        world.riley.id,
        GoalCreate(name="Lakeside 10K", distance_m=10_000, race_date=race_day),
        now=datetime.now(UTC),
    )
    generation.generate_plan(
        db, coach, world.riley.id, PlanCreate(goal_id=goal.id), now=datetime.now(UTC)
    )
    at = open_page(world.user_of(world.riley, db), "progress")
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any(
        c.startswith(
            "Dashed: fitness, fatigue and form projected from the planned sessions to "
            f"Lakeside 10K on {wording.day(race_day)}"
        )
        for c in captions
    ), captions
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]  # type: ignore[attr-defined]
    pmc = next(s for s in specs if "Fitness, fatigue and planned load" in json.dumps(s))
    assert "strokeDash" in json.dumps(pmc)
    assert "Race day" in json.dumps(pmc)
