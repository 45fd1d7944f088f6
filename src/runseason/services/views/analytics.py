"""The numbers a coach and an athlete look at: load history, weekly rollups, predictions."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import DailyMetric, TrainingLog
from runseason.domain.dates import local_date, week_start
from runseason.domain.paces import equivalent_time_s
from runseason.domain.prediction import PredictionRange, predict_range
from runseason.domain.training_load import ACWR_CAUTION, ACWR_MIN_DAYS
from runseason.errors import InvalidInput
from runseason.schemas.briefing import CaseloadWeek, DayMetricRead, LoadHistoryRead, WeekRollup
from runseason.services.identity.access import (
    Actor,
    athlete_filter,
    get_athlete,
    require_role,
    use_case,
)
from runseason.services.refresh import history


@use_case("athlete")
def get_load_history(
    session: Session, actor: Actor, athlete_id: int, *, now: datetime, days: int = 120
) -> LoadHistoryRead:
    """Daily fitness, fatigue, form and ACWR, and weekly rollups, for the last ``days`` days."""
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
    return LoadHistoryRead(
        athlete_id=athlete.id,
        days=[DayMetricRead.model_validate(r) for r in rows],
        weeks=list(weeks.values()),
        acwr_available=bool(rows) and rows[-1].days_of_data >= ACWR_MIN_DAYS,
        caution=ACWR_CAUTION,
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


def get_caseload_weeks(
    session: Session, actor: Actor, *, now: datetime, weeks: int = 12
) -> list[CaseloadWeek]:
    """Weekly load against the plan, summed over the athletes the coach (or admin) sees."""
    require_role(actor, "admin", "coach")
    if not 1 <= weeks <= 104:
        raise InvalidInput("weeks is between 1 and 104")
    today = now.date()
    start = week_start(today) - timedelta(weeks=weeks - 1)
    rows = session.execute(
        select(
            DailyMetric.day,
            func.sum(DailyMetric.load),
            func.sum(DailyMetric.planned_load),
            func.count(func.distinct(DailyMetric.athlete_id)),
        )
        .where(
            athlete_filter(actor, DailyMetric.athlete_id, DailyMetric.organization_id),
            DailyMetric.day.between(start, today),
        )
        .group_by(DailyMetric.day)
    )
    by_week: dict[date, list[float]] = {}
    for day, load, planned, athletes in rows:
        totals = by_week.setdefault(week_start(day), [0.0, 0.0, 0.0])
        totals[0] += float(load or 0.0)
        totals[1] += float(planned or 0.0)
        totals[2] = max(totals[2], float(athletes))
    return [
        CaseloadWeek(
            week_start=w, load=round(t[0], 1), planned_load=round(t[1], 1), athletes=int(t[2])
        )
        for w, t in sorted(by_week.items())
    ]
