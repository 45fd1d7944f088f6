"""The stored plan as generation and editing read it: its sessions in order, its read model, the
staff checks, the plan's days and version, and session titles in the athlete's unit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession, TrainingPlan
from runseason.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from runseason.schemas.plans import PlanCreate
from runseason.services.plans import generation, stored
from tests.factories import NOW, World, actor
from tests.services.coaching_days import plan_today

TODAY = NOW.date()


def _generated(db: Session, world: World) -> TrainingPlan:
    away = [TODAY + timedelta(days=20), TODAY + timedelta(days=9)]
    data = PlanCreate(
        race_distance_m=10_000, race_date=TODAY + timedelta(weeks=14), unavailable_dates=away
    )
    made = generation.generate_plan(db, actor(db, world.cole), world.greta.id, data, now=NOW)
    plan = db.get(TrainingPlan, made.id)
    assert plan is not None
    return plan


def test_a_unit_is_miles_only_for_an_athlete_who_asked(world: World) -> None:
    assert stored.unit_of(world.greta) == "km"
    world.greta.unit_preference = "mi"
    assert stored.unit_of(world.greta) == "mi"


def test_a_title_follows_the_planned_values_except_for_quality_work() -> None:
    long = PlannedSession(
        title="Long steady", category="long", planned_duration_s=5400, planned_distance_m=16_093.4
    )
    easy = PlannedSession(
        title="Easy aerobic", category="easy", planned_duration_s=2700, planned_distance_m=None
    )
    tempo = PlannedSession(
        title="Tempo 20", category="tempo", planned_duration_s=2700, planned_distance_m=None
    )
    assert stored.title_of(long, "mi") == "Long run 10 mi"
    assert stored.title_of(long, "km").startswith("Long run 16")
    assert stored.title_of(easy, "km") == "Easy run 45 min"
    assert stored.title_of(tempo, "km") == "Tempo 20"


def test_a_plans_sessions_come_in_date_order_then_order_in_the_day(
    db: Session, world: World
) -> None:
    first = plan_today(db, world, world.greta)
    second_of_day = PlannedSession(
        organization_id=world.north.id,
        plan_id=first.plan_id,
        athlete_id=world.greta.id,
        scheduled_date=first.scheduled_date,
        order_in_day=1,
        title="Strides",
        category="strides_speed",
    )
    earlier = PlannedSession(
        organization_id=world.north.id,
        plan_id=first.plan_id,
        athlete_id=world.greta.id,
        scheduled_date=first.scheduled_date - timedelta(days=1),
        title="Easy",
        category="easy",
    )
    db.add_all([second_of_day, earlier])
    db.flush()
    rows = stored.plan_sessions(db, first.plan_id)
    assert rows[:3] == [earlier, first, second_of_day]
    assert [r.scheduled_date for r in rows] == sorted(r.scheduled_date for r in rows)


def test_the_read_model_carries_weeks_sessions_and_sorted_unavailable_dates(
    db: Session, world: World
) -> None:
    plan = _generated(db, world)
    read = stored.read_plan(db, plan)
    assert read.unavailable_dates == [TODAY + timedelta(days=9), TODAY + timedelta(days=20)]
    assert [w.week_index for w in read.week_list] == sorted(w.week_index for w in read.week_list)
    assert len(read.week_list) == plan.weeks
    assert [s.id for s in read.sessions] == [r.id for r in stored.plan_sessions(db, plan.id)]
    assert not any(s.scheduled_date in read.unavailable_dates for s in read.sessions)


def test_only_the_athletes_staff_may_change_a_plan_or_session(db: Session, world: World) -> None:
    planned = plan_today(db, world, world.greta)
    cole = actor(db, world.cole)
    plan, athlete = stored.staff_plan(db, cole, planned.plan_id)
    assert (plan.id, athlete.id) == (planned.plan_id, world.greta.id)
    row, its_plan = stored.staff_session(db, cole, planned.id)
    assert (row.id, its_plan.id) == (planned.id, planned.plan_id)
    greta = actor(db, world.user_of(world.greta, db))
    with pytest.raises(PermissionDenied):
        stored.staff_plan(db, greta, planned.plan_id)
    with pytest.raises(PermissionDenied):
        stored.staff_session(db, greta, planned.id)
    with pytest.raises(NotFound):
        stored.staff_plan(db, actor(db, world.otto), planned.plan_id)
    with pytest.raises(NotFound):
        stored.staff_session(db, actor(db, world.otto), planned.id)


def test_a_day_outside_the_plan_is_refused(db: Session, world: World) -> None:
    planned = plan_today(db, world, world.greta)
    plan = db.get(TrainingPlan, planned.plan_id)
    assert plan is not None
    stored.check_day(plan, plan.start_date)
    stored.check_day(plan, plan.end_date)
    with pytest.raises(InvalidInput, match="within the plan"):
        stored.check_day(plan, plan.start_date - timedelta(days=1))
    with pytest.raises(InvalidInput, match="within the plan"):
        stored.check_day(plan, plan.end_date + timedelta(days=1))


def test_a_change_made_on_an_older_version_is_refused(db: Session, world: World) -> None:
    planned = plan_today(db, world, world.greta)
    plan = db.get(TrainingPlan, planned.plan_id)
    assert plan is not None
    stored.check_version(db, plan, None)
    stored.check_version(db, plan, 1)
    plan.version = 3
    db.flush()
    with pytest.raises(Conflict, match="version 3, your change was made on version 2"):
        stored.check_version(db, plan, 2)
