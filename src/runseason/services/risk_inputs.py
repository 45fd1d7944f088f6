"""Reading what the risk engine needs about one athlete-day, in a bounded number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import (
    CheckIn,
    HealthCase,
    PlannedSession,
    ReadinessScore,
    TrainingLog,
)
from runseason.domain.risk import RiskInputs
from runseason.services import metric_history
from runseason.services.metric_history import DayMetrics

LOOKBACK_DAYS = 7


@dataclass(frozen=True, slots=True)
class DayContext:
    """The risk inputs plus the streaks the recommendation rules need."""

    inputs: RiskInputs
    illness_days: int
    pain_days: int
    red_days: int
    health_case_closed_recently: bool
    metric: DayMetrics | None = None  # the day's metrics (None before the first day of data)


def _streak(days_back: list[date], values: dict[date, bool], day: date) -> int:
    count = 0
    for offset in range(len(days_back)):
        if values.get(day - timedelta(days=offset)):
            count += 1
        else:
            break
    return count


def _missed(session: Session, athlete_id: int, day: date) -> int | None:
    start = day - timedelta(days=7)
    done = (
        select(TrainingLog.id)
        .where(
            TrainingLog.athlete_id == athlete_id,
            TrainingLog.planned_session_id == PlannedSession.id,
        )
        .exists()
    )
    planned = session.execute(
        select(done).where(
            PlannedSession.athlete_id == athlete_id,
            PlannedSession.scheduled_date.between(start, day - timedelta(days=1)),
            PlannedSession.status.in_(("planned", "completed")),
            PlannedSession.category != "rest",
        )
    ).all()
    if not planned:
        return None
    return sum(1 for (was_done,) in planned if not was_done)


def read_day(
    session: Session, athlete_id: int, day: date, recent: list[DayMetrics] | None = None
) -> DayContext:
    """Everything the engine looks at for one athlete-day.

    ``recent`` is the athlete's metrics up to ``day`` when the caller has just computed them.
    """
    start = day - timedelta(days=LOOKBACK_DAYS)
    rows = session.execute(
        select(CheckIn, ReadinessScore)
        .outerjoin(ReadinessScore, ReadinessScore.check_in_id == CheckIn.id)
        .where(CheckIn.athlete_id == athlete_id, CheckIn.local_date.between(start, day))
    ).all()
    checkins = {c.local_date: (c, s) for c, s in rows}
    since = day - timedelta(days=3)
    if recent is None:
        recent = metric_history.read(session, athlete_id, since, day)
    metrics = {m.day: m for m in recent if since <= m.day <= day}
    last_checkin, closed = session.execute(
        select(
            select(func.max(CheckIn.local_date))
            .where(CheckIn.athlete_id == athlete_id, CheckIn.local_date <= day)
            .scalar_subquery(),
            select(func.count())
            .where(HealthCase.athlete_id == athlete_id, HealthCase.status == "return_to_run")
            .scalar_subquery(),
        )
    ).one()
    latest_day = day if day in checkins else day - timedelta(days=1)
    current = checkins.get(latest_day)
    checkin, score = current if current else (None, None)
    window = [day - timedelta(days=i) for i in range(LOOKBACK_DAYS + 1)]
    ill = {d: bool(c.illness) for d, (c, _) in checkins.items()}
    pain = {d: (c.pain_severity or 0) >= 4 for d, (c, _) in checkins.items()}
    red = {d: bool(s and s.band == "red") for d, (_, s) in checkins.items()}
    location = checkin.pain_location if checkin else None
    same_place = {
        d: bool(location and c.pain_location == location and (c.pain_severity or 0) > 0)
        for d, (c, _) in checkins.items()
    }
    zs = [
        f.get("z")
        for f in (score.factors if score else [])
        if f.get("item") in ("sleep_quality", "energy", "recovery", "stress", "mood")
        and f.get("z") is not None
    ]
    hrv = [f.get("z") for f in (score.factors if score else []) if f.get("item") == "hrv"]
    before = checkins.get(day - timedelta(days=3))
    drop = before[1].score - score.score if score and before and before[1] else None
    metric = metrics.get(day)
    spikes = [
        m.spike_ratio for d, m in metrics.items() if d >= day - timedelta(days=1) and m.spike_ratio
    ]
    inputs = RiskInputs(
        checkin_fresh=checkin is not None,
        illness=bool(checkin and checkin.illness),
        pain_severity=checkin.pain_severity if checkin else None,
        pain_same_location_days=_streak(window, same_place, latest_day),
        readiness_band=score.band if score else None,
        readiness_drop_3d=drop,
        min_wellness_z=min(zs) if zs else None,
        hrv_z=hrv[0] if hrv else None,
        spike_ratio=max(spikes) if spikes else None,
        acwr=metric.acwr_ewma if metric else None,
        ramp=metric.ramp if metric else None,
        form=metric.form if metric else None,
        monotony=metric.monotony if metric else None,
        missed_sessions_7d=_missed(session, athlete_id, day),
        days_since_checkin=(day - last_checkin).days if last_checkin else None,
        days_of_data=metric.days_of_data if metric else 0,
    )
    return DayContext(
        inputs=inputs,
        illness_days=_streak(window, ill, latest_day),
        pain_days=_streak(window, pain, latest_day),
        red_days=_streak(window, red, latest_day),
        health_case_closed_recently=bool(closed),
        metric=metric,
    )
