"""Analytics: the stored metrics matched to the plan, predictions, and on track for race day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession, TrainingPlan
from runseason.domain.dates import local_date
from runseason.domain.paces import equivalent_time_s
from runseason.errors import InvalidInput, NotFound
from runseason.schemas.accounts import AthleteUpdate
from runseason.schemas.plans import GoalCreate, PlanCreate
from runseason.schemas.training import TrainingLogCreate
from runseason.services import training
from runseason.services.identity import users
from runseason.services.plans import generation, goals
from runseason.services.views import analytics
from tests.factories import NOW, World, actor

RACE_DAY = NOW.date() + timedelta(weeks=16)


HALF = 21_097.5


def _build(db: Session, world: World, goal_time_s: float | None) -> int:
    coach = actor(db, world.cole)
    users.update_athlete(db, coach, world.greta.id, AthleteUpdate(vdot=45))
    for back in range(1, 29, 2):  # four weeks of easy running before the plan
        data = TrainingLogCreate(
            local_date=NOW.date() - timedelta(days=back), duration_s=2400, rpe=4
        )
        training.log_session(db, coach, world.greta.id, data, now=NOW)
    goal = goals.create_goal(
        db,
        coach,
        world.greta.id,
        GoalCreate(
            name="Spring half", distance_m=HALF, race_date=RACE_DAY, target_time_s=goal_time_s
        ),
        now=NOW,
    )
    plan = generation.generate_plan(db, coach, world.greta.id, PlanCreate(goal_id=goal.id), now=NOW)
    return plan.id


def test_the_plan_projects_fitness_and_a_faster_range_to_race_day(
    db: Session, world: World
) -> None:
    plan_id = _build(db, world, None)
    read = analytics.get_on_track(db, actor(db, world.cole), world.greta.id, now=NOW)
    assert read is not None
    assert read.plan_id == plan_id
    assert (read.race_name, read.race_day, read.distance_m) == ("Spring half", RACE_DAY, HALF)
    assert read.ctl_today > 0
    assert read.ctl_race_day > read.ctl_today
    assert 45 < read.vdot_low <= read.vdot_high
    today_s = equivalent_time_s(45, HALF)
    assert read.fast_s <= read.slow_s < today_s
    assert read.verdict == "no goal time"
    assert "not a promise" in read.caution


@pytest.mark.parametrize(("goal_time_s", "verdict"), [(3 * 3600, "on track"), (3600, "behind")])
def test_the_goal_is_judged_against_the_predicted_range(
    db: Session, world: World, goal_time_s: float, verdict: str
) -> None:
    _build(db, world, goal_time_s)
    greta = actor(db, world.user_of(world.greta, db))
    read = analytics.get_on_track(db, greta, world.greta.id, now=NOW)
    assert read is not None
    assert read.goal_time_s == goal_time_s
    assert read.verdict == verdict


def test_nothing_to_project_without_a_plan_or_a_vdot(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    assert analytics.get_on_track(db, coach, world.greta.id, now=NOW) is None
    with pytest.raises(NotFound):
        analytics.get_on_track(db, actor(db, world.otto), world.greta.id, now=NOW)


def plan_tempo_today(db: Session, world: World) -> PlannedSession:
    today = local_date(NOW, world.greta.timezone)
    plan = TrainingPlan(
        organization_id=world.north.id,
        athlete_id=world.greta.id,
        name="Spring 10k",
        start_date=today,
        end_date=today + timedelta(days=70),
        weeks=10,
    )
    db.add(plan)
    db.flush()
    session = PlannedSession(
        organization_id=world.north.id,
        plan_id=plan.id,
        athlete_id=world.greta.id,
        scheduled_date=today,
        title="Tempo 3 × 10 min",
        category="tempo",
        role="quality",
        is_hard=True,
        planned_duration_s=3600,
        planned_distance_m=12000,
        planned_load=80,
        targets={"pace_s_per_km": 255},
    )
    db.add(session)
    db.flush()
    return session


def test_logged_session_is_matched_to_the_plan_and_counts_for_adherence(
    db: Session, world: World
) -> None:
    planned = plan_tempo_today(db, world)
    coach = actor(db, world.cole)
    today = local_date(NOW, world.greta.timezone)
    log = training.log_session(
        db,
        coach,
        world.greta.id,
        TrainingLogCreate(local_date=today, duration_s=3500, distance_m=11800, rpe=7),
        now=NOW,
    )
    assert log.planned_session_id == planned.id
    history = analytics.get_load_history(db, coach, world.greta.id, now=NOW, days=14)
    assert history.days[-1].planned_load == 80
    assert history.weeks[-1].sessions == 1
    assert not history.acwr_available
    assert "not a validated injury predictor" in history.caution


def test_history_window_is_validated(db: Session, world: World) -> None:
    with pytest.raises(InvalidInput):
        analytics.get_load_history(db, actor(db, world.cole), world.greta.id, now=NOW, days=3)


def test_prediction_from_a_recent_race(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    assert analytics.get_prediction(db, coach, world.greta.id, 42195) is None
    training.log_session(
        db,
        coach,
        world.greta.id,
        TrainingLogCreate(local_date=NOW.date(), duration_s=1200, distance_m=5000, kind="race"),
        now=NOW,
    )
    prediction = analytics.get_prediction(db, coach, world.greta.id, 10000)
    assert prediction is not None
    assert prediction.low_s < prediction.high_s


def _plan_to(db: Session, world: World, race_in_days: int, loads: dict[int, float]) -> None:
    """An active plan for Greta whose race is ``race_in_days`` ahead, with a planned load on
    each day offset in ``loads`` (1 = tomorrow)."""
    today = local_date(NOW, world.greta.timezone)
    race_day = today + timedelta(days=race_in_days)
    goal = goals.create_goal(
        db,
        actor(db, world.cole),
        world.greta.id,
        GoalCreate(name="Harbour 10K", distance_m=10_000, race_date=race_day),
        now=NOW,
    )
    plan = TrainingPlan(
        organization_id=world.north.id,
        athlete_id=world.greta.id,
        goal_id=goal.id,
        name="Harbour block",
        start_date=today,
        end_date=race_day,
        weeks=1 + race_in_days // 7,
    )
    db.add(plan)
    db.flush()
    for offset, load in loads.items():
        db.add(
            PlannedSession(
                organization_id=world.north.id,
                plan_id=plan.id,
                athlete_id=world.greta.id,
                scheduled_date=today + timedelta(days=offset),
                title="Easy run",
                category="easy",
                role="easy",
                planned_duration_s=3600,
                planned_load=load,
            )
        )
    db.flush()


def test_the_projection_to_race_day_follows_the_planned_load_by_the_pmc_formula(
    db: Session, world: World
) -> None:
    # SCIENCE.md section 4 from zero: one day of load 100, then six zero days.
    _plan_to(db, world, 7, {1: 100.0})
    read = analytics.get_load_history(db, actor(db, world.cole), world.greta.id, now=NOW, days=14)
    today = local_date(NOW, world.greta.timezone)
    days = read.projection
    assert [d.day for d in days] == [today + timedelta(days=n) for n in range(1, 8)]
    assert (read.race_day, read.race_name) == (today + timedelta(days=7), "Harbour 10K")
    assert [d.planned_load for d in days] == [100.0, 0, 0, 0, 0, 0, 0]
    assert (days[0].ctl, days[0].atl, days[0].form) == pytest.approx(
        (2.3810, 14.2857, 0.0), abs=1e-4
    )
    assert days[1].form == pytest.approx(-11.9048, abs=1e-4)
    assert (days[6].ctl, days[6].atl) == pytest.approx((2.0604, 5.6653), abs=1e-4)
    # the pandas "span" form (2 / (N + 1)) would give fitness 4.6512 and fatigue 25.0 on day 1
    assert days[0].ctl != pytest.approx(4.6512, abs=1e-3)


def test_forty_two_planned_days_at_50_reach_the_published_fitness_and_form(
    db: Session, world: World
) -> None:
    _plan_to(db, world, 43, dict.fromkeys(range(1, 43), 50.0))
    read = analytics.get_load_history(db, actor(db, world.cole), world.greta.id, now=NOW, days=14)
    assert len(read.projection) == 43
    day_42, race_day = read.projection[41], read.projection[42]
    assert (day_42.ctl, day_42.atl) == pytest.approx((31.8272, 49.9229), abs=1e-4)
    assert race_day.form == pytest.approx(-18.0957, abs=1e-4)


def test_no_projection_without_an_active_plan_whose_race_is_ahead(
    db: Session, world: World
) -> None:
    read = analytics.get_load_history(db, actor(db, world.cole), world.greta.id, now=NOW, days=14)
    assert (read.projection, read.race_day, read.race_name) == ([], None, None)
