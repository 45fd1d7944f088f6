"""Plans generated from a goal or a race, regenerated forward, read by coach and athlete."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession
from runseason.errors import Conflict, InvalidInput, PermissionDenied
from runseason.schemas.accounts import AthleteUpdate
from runseason.schemas.plans import GoalCreate, GoalUpdate, PlanCreate, PlanRegenerate, SessionEdit
from runseason.services.identity import users
from runseason.services.plans import editing, generation, goals
from tests.factories import NOW, World, actor

RACE = NOW.date() + timedelta(weeks=16)
RACE_DAY = NOW.date() + timedelta(weeks=14)


def _plan(db: Session, world: World) -> tuple[object, int]:
    cole = actor(db, world.cole)
    plan = generation.generate_plan(
        db, cole, world.greta.id, PlanCreate(race_distance_m=10000, race_date=RACE_DAY), now=NOW
    )
    return cole, plan.id


def test_generate_a_plan_from_a_goal_and_edit_it_with_versions(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    users.update_athlete(
        db, coach, world.greta.id, AthleteUpdate(vdot=48, current_weekly_distance_m=40000)
    )
    goal = goals.create_goal(
        db,
        coach,
        world.greta.id,
        GoalCreate(name="Oslo half", distance_m=21097.5, race_date=RACE),
        now=NOW,
    )
    plan = generation.generate_plan(db, coach, world.greta.id, PlanCreate(goal_id=goal.id), now=NOW)
    assert plan.end_date == RACE
    assert plan.version == 1
    assert len(plan.week_list) == plan.weeks
    assert {w.phase for w in plan.week_list} >= {"base", "taper"}
    assert any(s.targets.get("pace_s_per_km") for s in plan.sessions)
    first = next(s for s in plan.sessions if s.scheduled_date > NOW.date())
    edited = editing.edit_session(
        db, coach, first.id, SessionEdit(planned_duration_s=1800, reason="shorter week"), now=NOW
    )
    assert edited.version == 2
    revisions = generation.list_revisions(db, coach, plan.id)
    assert [r.kind for r in revisions] == ["generated", "edit"]
    assert revisions[1].snapshot["changes"][0]["after"]["planned_duration_s"] == 1800
    projection = generation.plan_projection(db, coach, plan.id, now=NOW)
    assert projection[-1].day == RACE
    assert projection[-1].ctl > 0
    with pytest.raises(InvalidInput, match="within the plan"):
        editing.edit_session(
            db, coach, first.id, SessionEdit(scheduled_date=RACE + timedelta(days=30)), now=NOW
        )


def test_athletes_read_their_plan_but_cannot_generate(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    generation.generate_plan(
        db, coach, world.greta.id, PlanCreate(race_distance_m=10000, race_date=RACE), now=NOW
    )
    me = actor(db, world.user_of(world.greta, db))
    assert generation.find_active_plan(db, me, world.greta.id) is not None
    with pytest.raises(PermissionDenied):
        generation.generate_plan(
            db, me, world.greta.id, PlanCreate(race_distance_m=10000, race_date=RACE), now=NOW
        )


def test_a_new_plan_archives_the_old_one(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    first = generation.generate_plan(
        db, coach, world.greta.id, PlanCreate(race_distance_m=10000, race_date=RACE), now=NOW
    )
    with pytest.raises(Conflict, match="already follows the plan"):
        generation.generate_plan(
            db, coach, world.greta.id, PlanCreate(race_distance_m=5000, race_date=RACE), now=NOW
        )
    replace = PlanCreate(race_distance_m=5000, race_date=RACE, replace_active=True)
    second = generation.generate_plan(db, coach, world.greta.id, replace, now=NOW)
    active = generation.find_active_plan(db, coach, world.greta.id)
    assert active is not None
    assert active.id == second.id != first.id
    planned = db.scalar(select(func.count()).where(PlannedSession.plan_id == second.id))
    assert planned == len(second.sessions)


def test_impossible_plans_list_every_problem(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    with pytest.raises(InvalidInput):
        generation.generate_plan(
            db,
            coach,
            world.greta.id,
            PlanCreate(race_distance_m=42195, race_date=NOW.date() + timedelta(days=10)),
            now=NOW,
        )


def test_regenerate_keeps_the_past_and_rebuilds_the_future(db: Session, world: World) -> None:
    cole, plan_id = _plan(db, world)
    cut = NOW.date() + timedelta(days=10)
    before = generation.get_plan(db, cole, plan_id)
    past = [(s.id, s.scheduled_date) for s in before.sessions if s.scheduled_date < cut]
    result = generation.regenerate_from(db, cole, plan_id, PlanRegenerate(from_date=cut), now=NOW)
    kept = [(s.id, s.scheduled_date) for s in result.sessions if s.scheduled_date < cut]
    assert kept == past
    future = [s for s in result.sessions if s.scheduled_date >= cut]
    assert future
    assert all(s.id not in {p for p, _ in past} for s in future)
    assert generation.list_revisions(db, cole, plan_id)[-1].kind == "regenerate"
    with pytest.raises(InvalidInput, match="the past is kept"):
        generation.regenerate_from(
            db, cole, plan_id, PlanRegenerate(from_date=NOW.date() - timedelta(days=1)), now=NOW
        )


def test_titles_say_what_is_planned_in_the_athletes_unit(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    users.update_athlete(db, coach, world.greta.id, AthleteUpdate(unit_preference="mi"))
    data = PlanCreate(race_distance_m=21097.5, race_date=RACE, current_weekly_distance_m=40000)
    plan = generation.generate_plan(db, coach, world.greta.id, data, now=NOW)
    longs = [s for s in plan.sessions if s.role == "long"]
    easy = [s for s in plan.sessions if s.role == "easy"]
    assert longs
    assert easy
    for s in longs:
        assert s.planned_distance_m is not None
        miles = round(s.planned_distance_m / 1609.344, 1)
        assert s.title == f"Long run {miles:g} mi"
    for s in easy:
        assert s.title == f"Easy run {round(s.planned_duration_s / 60)} min"
    race = next(s for s in plan.sessions if s.role == "race")
    assert race.title == "Race 13.1 mi"


def test_a_plan_the_days_cannot_hold_carries_its_warnings(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    data = PlanCreate(
        race_distance_m=42195,
        race_date=NOW.date() + timedelta(weeks=18),
        current_weekly_distance_m=60000,
        available_weekdays=[1, 3, 6],
    )
    plan = generation.generate_plan(db, coach, world.greta.id, data, now=NOW)
    assert any("cannot hold the planned volume" in w for w in plan.warnings)
    assert any("longest run of this marathon plan" in w for w in plan.warnings)
    assert all(" km" in w for w in plan.warnings)
    again = generation.get_plan(db, coach, plan.id)
    assert again.warnings == plan.warnings
    roomy = PlanCreate(
        race_distance_m=10000, race_date=RACE, current_weekly_distance_m=40000, replace_active=True
    )
    assert generation.generate_plan(db, coach, world.greta.id, roomy, now=NOW).warnings == []


def test_unavailable_dates_are_kept_free_by_generation_and_regeneration(
    db: Session, world: World
) -> None:
    coach = actor(db, world.cole)
    week_two = NOW.date() + timedelta(days=7 - NOW.date().weekday() + 7)
    holiday = [week_two + timedelta(days=i) for i in range(7)]
    data = PlanCreate(race_distance_m=10000, race_date=RACE, unavailable_dates=holiday)
    plan = generation.generate_plan(db, coach, world.greta.id, data, now=NOW)
    assert plan.unavailable_dates == holiday
    assert not {s.scheduled_date for s in plan.sessions} & set(holiday)
    travel = [RACE - timedelta(days=d) for d in (22, 21, 20)]
    cut = NOW.date() + timedelta(days=3)
    result = generation.regenerate_from(
        db, coach, plan.id, PlanRegenerate(from_date=cut, unavailable_dates=travel), now=NOW
    )
    assert result.unavailable_dates == travel
    planned = {s.scheduled_date for s in result.sessions if s.scheduled_date >= cut}
    assert not planned & set(travel)
    assert planned & set(holiday)  # the holiday was replaced by the new list
    assert generation.get_plan(db, coach, plan.id).unavailable_dates == travel


def test_b_and_c_goals_become_races_with_a_mini_taper_and_a_recovery_day(
    db: Session, world: World
) -> None:
    coach = actor(db, world.cole)
    monday = NOW.date() + timedelta(days=7 - NOW.date().weekday())
    b_day, c_day = monday + timedelta(weeks=8, days=6), monday + timedelta(weeks=4, days=5)
    a_goal = goals.create_goal(
        db,
        coach,
        world.greta.id,
        GoalCreate(name="Oslo half", distance_m=21097.5, race_date=RACE),
        now=NOW,
    )
    for name, day, priority, distance in (
        ("Tune-up 10k", b_day, "B", 10000),
        ("Parkrun", c_day, "C", 5000),
    ):
        goals.create_goal(
            db,
            coach,
            world.greta.id,
            GoalCreate(name=name, distance_m=distance, race_date=day, priority=priority),
            now=NOW,
        )
    plan = generation.generate_plan(
        db, coach, world.greta.id, PlanCreate(goal_id=a_goal.id, start_date=monday), now=NOW
    )
    by_day = {s.scheduled_date: s for s in plan.sessions}
    assert (by_day[b_day].role, by_day[b_day].planned_distance_m) == ("race", 10000)
    assert (by_day[c_day].role, by_day[c_day].planned_distance_m) == ("race", 5000)
    hard = {s.scheduled_date for s in plan.sessions if s.is_hard and s.role != "race"}
    for day, taper_days in ((b_day, 3), (c_day, 2)):
        assert not {day - timedelta(days=n) for n in range(1, taper_days + 1)} & hard
        after = by_day.get(day + timedelta(days=1))
        assert after is None or after.role == "recovery"
    assert plan.goal_id == a_goal.id


def test_a_plan_keeps_its_race_and_its_goal_link_when_the_goal_changes(
    db: Session, world: World
) -> None:
    coach = actor(db, world.cole)
    goal = goals.create_goal(
        db,
        coach,
        world.greta.id,
        GoalCreate(name="Oslo 10k", distance_m=10000, race_date=RACE),
        now=NOW,
    )
    plan = generation.generate_plan(db, coach, world.greta.id, PlanCreate(goal_id=goal.id), now=NOW)
    goals.update_goal(
        db,
        coach,
        goal.id,
        GoalUpdate(name="Oslo 10 km", race_date=RACE + timedelta(weeks=2)),
        now=NOW,
    )
    cut = NOW.date() + timedelta(days=7)
    again = generation.regenerate_from(db, coach, plan.id, PlanRegenerate(from_date=cut), now=NOW)
    assert again.goal_id == goal.id
    assert again.end_date == RACE
    assert max(s.scheduled_date for s in again.sessions) == RACE
