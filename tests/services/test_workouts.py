"""Planned sessions exported as workouts: the shape from the template, targets from the zones."""

from __future__ import annotations

from datetime import timedelta
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession
from runseason.errors import InvalidInput, NotFound
from runseason.schemas.plans import PlanCreate
from runseason.services import workouts
from runseason.services.briefing import athlete_zones
from runseason.services.plans import generation
from tests.exports.test_fit_workout import read_fit
from tests.factories import NOW, World, actor


def greta_plan(db: Session, world: World) -> list[PlannedSession]:
    """A 10 km plan for Greta, with pace zones (VDOT 50) and heart-rate zones."""
    world.greta.vdot, world.greta.hr_max, world.greta.hr_rest = 50.0, 190, 50
    db.flush()
    data = PlanCreate(race_distance_m=10_000, race_date=NOW.date() + timedelta(weeks=12))
    plan = generation.generate_plan(db, actor(db, world.cole), world.greta.id, data, now=NOW)
    return list(
        db.scalars(
            select(PlannedSession)
            .where(PlannedSession.plan_id == plan.id)
            .order_by(PlannedSession.scheduled_date)
        )
    )


def _with_repeats(db: Session, rows: list[PlannedSession]) -> PlannedSession:
    structures = workouts.structures_of(db, rows)
    for row in rows:
        shape = workouts.shape_of_planned(row, structures)
        if any(b.repeat > 1 for b in shape.blocks):
            return row
    raise AssertionError("the plan has no session with repeats")


def test_an_interval_session_exports_its_repeats_and_zone_paces(db: Session, world: World) -> None:
    rows = greta_plan(db, world)
    row = _with_repeats(db, rows)
    greta = actor(db, world.user_of(world.greta, db))
    file = workouts.export_workout(db, greta, row.id, "fit", now=NOW)
    assert file.filename.startswith(row.scheduled_date.isoformat())
    assert file.filename.endswith(".fit")
    steps = read_fit(file.content)["workout_step"]
    shape = workouts.shape_of_planned(row, workouts.structures_of(db, [row]))
    block = next(b for b in shape.blocks if b.repeat > 1)
    repeat = next(s for s in steps if s["duration_type"] == "repeat_until_steps_cmplt")
    assert repeat["repeat_steps"] == block.repeat
    work = steps[repeat["duration_step"]]
    assert work["duration_time"] == block.work_s
    slow, fast = athlete_zones(world.greta).pace["T" if block.zone == "H" else block.zone]
    assert abs(work["custom_target_speed_low"] - 1000 / slow) < 0.002
    assert abs(work["custom_target_speed_high"] - 1000 / fast) < 0.002


def test_the_same_session_exports_as_zwo(db: Session, world: World) -> None:
    row = _with_repeats(db, greta_plan(db, world))
    file = workouts.export_workout(db, actor(db, world.cole), row.id, "zwo", now=NOW)
    root = ET.fromstring(file.content)
    assert root.findtext("sportType") == "run"
    assert root.find("workout/IntervalsT") is not None
    assert "Pace:" in (root.findtext("description") or "")


def test_a_rest_day_has_nothing_to_export_and_others_see_nothing(db: Session, world: World) -> None:
    rows = greta_plan(db, world)
    rest = rows[-1]
    rest.category, rest.role = "rest", "rest"
    db.flush()
    with pytest.raises(InvalidInput):
        workouts.export_workout(db, actor(db, world.cole), rest.id, "fit", now=NOW)
    with pytest.raises(NotFound):
        workouts.export_workout(db, actor(db, world.otto), rows[0].id, "fit", now=NOW)
