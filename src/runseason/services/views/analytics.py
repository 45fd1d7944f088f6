"""The numbers a coach and an athlete look at: load history, weekly rollups, predictions."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession, RaceGoal, TrainingLog, TrainingPlan
from runseason.domain.dates import local_date, week_start
from runseason.domain.paces import equivalent_time_s
from runseason.domain.prediction import PredictionRange, predict_range
from runseason.domain.projection import daily_loads, on_track, project
from runseason.domain.training_load import ACWR_CAUTION, ACWR_MIN_DAYS
from runseason.errors import InvalidInput
from runseason.schemas.briefing import (
    DayMetricRead,
    LoadHistoryRead,
    ProjectedDayRead,
    WeekRollup,
)
from runseason.schemas.training import OnTrackRead
from runseason.services.identity.access import (
    Actor,
    get_athlete,
    use_case,
)
from runseason.services.refresh import history


@use_case("athlete")
def get_load_history(
    session: Session, actor: Actor, athlete_id: int, *, now: datetime, days: int = 120
) -> LoadHistoryRead:
    """Daily fitness, fatigue, form and ACWR, and weekly rollups, for the last ``days`` days,
    and the plan's projection from tomorrow to race day."""
    if not 7 <= days <= 1100:
        raise InvalidInput("days must be between 7 and 1100")
    athlete = get_athlete(session, actor, athlete_id)
    today = local_date(now, athlete.timezone)
    rows = history.read(session, athlete.id, today - timedelta(days=days - 1), today)
    weeks: dict[date, WeekRollup] = {}
    for r in rows:
        key = week_start(r.day)
        w = weeks.setdefault(
            key,
            WeekRollup(
                week_start=key, distance_m=0, duration_s=0, load=0, sessions=0, planned_load=0
            ),
        )
        w.distance_m += r.distance_m
        w.duration_s += r.duration_s
        w.load += r.load
        w.sessions += r.sessions
        w.planned_load += r.planned_load
    ahead = _race_ahead(session, athlete.id, today)
    projected = []
    if ahead is not None:
        ctl, atl = _state_today(session, athlete.id, today)
        projected = project(today + timedelta(days=1), ctl, atl, ahead.loads)
    return LoadHistoryRead(
        athlete_id=athlete.id,
        days=[DayMetricRead.model_validate(r) for r in rows],
        weeks=list(weeks.values()),
        acwr_available=bool(rows) and rows[-1].days_of_data >= ACWR_MIN_DAYS,
        caution=ACWR_CAUTION,
        projection=[ProjectedDayRead.model_validate(asdict(d)) for d in projected],
        race_day=ahead.race_day if ahead else None,
        race_name=ahead.name if ahead else None,
    )


@use_case("athlete")
def get_prediction(
    session: Session, actor: Actor, athlete_id: int, target_m: float
) -> PredictionRange | None:
    """A race prediction range from the athlete's best recent race or time trial (or VDOT)."""
    athlete = get_athlete(session, actor, athlete_id)
    race = session.scalars(
        select(TrainingLog)
        .where(
            TrainingLog.athlete_id == athlete.id,
            TrainingLog.kind.in_(("race", "time_trial")),
            TrainingLog.distance_m.is_not(None),
        )
        .order_by(TrainingLog.local_date.desc())
        .limit(1)
    ).first()
    if race is not None and race.distance_m:
        return predict_range(race.duration_s, race.distance_m, target_m)
    if athlete.vdot:
        five_k = equivalent_time_s(athlete.vdot, 5000.0)
        return predict_range(five_k, 5000.0, target_m)
    return None


ON_TRACK_CAUTION = (
    "A projection if the plan is followed as written: the gain in VDOT per point of fitness is "
    "a planning default, not a measured response, so the time is a range, not a promise."
)


def _race_of(session: Session, plan: TrainingPlan) -> tuple[str, date, float, float | None] | None:
    """The plan's race: its name, day, distance and goal time (from its goal, else its request)."""
    goal = session.get(RaceGoal, plan.goal_id) if plan.goal_id else None
    if goal is not None:
        return goal.name, goal.race_date, goal.distance_m, goal.target_time_s
    asked = plan.parameters or {}
    distance, goal_time = asked.get("race_distance_m"), asked.get("goal_time_s")
    if not isinstance(distance, int | float):
        return None
    return plan.name, plan.end_date, float(distance), goal_time


@dataclass(frozen=True, slots=True)
class _RaceAhead:
    """The active plan's race still ahead, and the plan's load a day from tomorrow to it."""

    plan: TrainingPlan
    name: str
    race_day: date
    distance_m: float
    goal_time_s: float | None
    loads: list[float]


def _race_ahead(session: Session, athlete_id: int, today: date) -> _RaceAhead | None:
    plan = session.scalar(
        select(TrainingPlan)
        .where(TrainingPlan.athlete_id == athlete_id, TrainingPlan.status == "active")
        .order_by(TrainingPlan.id.desc())
        .limit(1)
    )
    race = _race_of(session, plan) if plan is not None else None
    if plan is None or race is None or race[1] <= today:
        return None
    name, race_day, distance_m, goal_time_s = race
    planned = session.execute(
        select(PlannedSession.scheduled_date, PlannedSession.planned_load).where(
            PlannedSession.plan_id == plan.id,
            PlannedSession.status == "planned",
            PlannedSession.scheduled_date.between(today + timedelta(days=1), race_day),
        )
    ).all()
    loads = daily_loads(today + timedelta(days=1), race_day, [(d, x) for d, x in planned])
    return _RaceAhead(plan, name, race_day, distance_m, goal_time_s, loads)


@use_case("athlete")
def get_on_track(
    session: Session, actor: Actor, athlete_id: int, *, now: datetime
) -> OnTrackRead | None:
    """The active plan projected to race day: fitness and the predicted time against the goal.

    None without an active plan whose race is ahead, or without a current VDOT.
    """
    athlete = get_athlete(session, actor, athlete_id)
    today = local_date(now, athlete.timezone)
    ahead = _race_ahead(session, athlete.id, today) if athlete.vdot else None
    if ahead is None or not athlete.vdot:
        return None
    result = on_track(
        today,
        ahead.race_day,
        _state_today(session, athlete.id, today),
        ahead.loads,
        athlete.vdot,
        ahead.distance_m,
        ahead.goal_time_s,
    )
    return OnTrackRead(
        athlete_id=athlete.id,
        plan_id=ahead.plan.id,
        plan_name=ahead.plan.name,
        race_name=ahead.name,
        caution=ON_TRACK_CAUTION,
        **asdict(result),
    )


def _state_today(session: Session, athlete_id: int, today: date) -> tuple[float, float]:
    """Fitness and fatigue at the end of today (decayed over the days since the last stored)."""
    last = history.latest(session, athlete_id, today)
    if last is None:
        return 0.0, 0.0
    gap = (today - last.day).days
    if gap <= 0:
        return last.ctl, last.atl
    rested = project(last.day + timedelta(days=1), last.ctl, last.atl, [0.0] * gap)[-1]
    return rested.ctl, rested.atl
