"""Adherence as a coach reads it: each planned session's ratios and colour, week by week, with
the days marked sick, travelling or injured left out of the count."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession, TrainingLog
from runseason.domain.adherence import (
    DoneValues,
    PlannedValues,
    SessionAdherence,
    session_adherence,
    week_adherence,
)
from runseason.domain.dates import local_date, week_start
from runseason.errors import InvalidInput
from runseason.schemas.training import (
    AdherenceRead,
    DayExceptionRead,
    SessionAdherenceRead,
    WeekAdherenceRead,
)
from runseason.services.day_exceptions import excused_days, overlapping
from runseason.services.identity.access import Actor, get_athlete, use_case


def _planned(session: Session, athlete_id: int, first: date, last: date) -> list[PlannedSession]:
    return list(
        session.scalars(
            select(PlannedSession)
            .where(
                PlannedSession.athlete_id == athlete_id,
                PlannedSession.scheduled_date.between(first, last),
                PlannedSession.status != "cancelled",
                PlannedSession.category != "rest",
            )
            .order_by(PlannedSession.scheduled_date, PlannedSession.order_in_day)
        )
    )


def _done(session: Session, planned_ids: list[int]) -> dict[int, DoneValues]:
    """What was logged for each planned session (several logs for one session add up)."""
    if not planned_ids:
        return {}
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0, 0.0])
    rows = session.execute(
        select(
            TrainingLog.planned_session_id,
            TrainingLog.duration_s,
            TrainingLog.distance_m,
            TrainingLog.load,
            TrainingLog.avg_hr,
        ).where(TrainingLog.planned_session_id.in_(planned_ids))
    )
    for planned_id, duration, distance, load, hr in rows:
        if planned_id is None:
            continue
        total = sums[planned_id]
        total[0] += duration
        total[1] += distance or 0.0
        total[2] += load
        if hr:  # heart rate weighted by duration, over the logs that have one
            total[3] += hr * duration
            total[4] += duration
    return {
        planned_id: DoneValues(
            duration_s=t[0],
            distance_m=t[1] or None,
            load=t[2],
            pace_s_per_km=t[0] / (t[1] / 1000.0) if t[1] else None,
            hr_bpm=t[3] / t[4] if t[4] else None,
        )
        for planned_id, t in sums.items()
    }


def _planned_values(s: PlannedSession) -> PlannedValues:
    targets = s.targets or {}
    pace, hr = targets.get("pace_s_per_km"), targets.get("hr_bpm")
    return PlannedValues(
        duration_s=s.planned_duration_s,
        distance_m=s.planned_distance_m,
        load=s.planned_load,
        pace_s_per_km=float(pace) if isinstance(pace, int | float) else None,
        hr_bpm=float(hr) if isinstance(hr, int | float) else None,
    )


def _session_read(
    s: PlannedSession, done: DoneValues | None, excused_by: str | None
) -> tuple[SessionAdherence, SessionAdherenceRead]:
    result = session_adherence(_planned_values(s), done, excused=excused_by is not None)
    read = SessionAdherenceRead(
        planned_session_id=s.id,
        day=s.scheduled_date,
        title=s.title,
        status=result.status,
        band=result.band,
        ratio=result.ratio,
        duration_ratio=result.duration_ratio,
        distance_ratio=result.distance_ratio,
        load_ratio=result.load_ratio,
        intensity_ratio=result.intensity_ratio,
        intensity_basis=result.intensity_basis,
        intensity=result.intensity,
        excused_by=excused_by,
    )
    return result, read


@use_case("athlete")
def get_adherence(
    session: Session, actor: Actor, athlete_id: int, *, now: datetime, weeks: int = 4
) -> AdherenceRead:
    """The last ``weeks`` weeks of planned sessions against what was done, this week first.

    A session counts once its day is past, or today once it is logged.
    """
    if not 1 <= weeks <= 52:
        raise InvalidInput("weeks must be between 1 and 52")
    athlete = get_athlete(session, actor, athlete_id)
    today = local_date(now, athlete.timezone)
    first = week_start(today) - timedelta(weeks=weeks - 1)
    planned = _planned(session, athlete.id, first, today)
    done = _done(session, [s.id for s in planned])
    marked = overlapping(session, athlete.id, first, today)
    excused = excused_days(marked)
    by_week: dict[date, list[tuple[SessionAdherence, SessionAdherenceRead]]] = {
        first + timedelta(weeks=i): [] for i in range(weeks)
    }
    for s in planned:
        logged = done.get(s.id)
        if s.scheduled_date == today and logged is None:
            continue  # today's session may still be done
        by_week[week_start(s.scheduled_date)].append(
            _session_read(s, logged, excused.get(s.scheduled_date))
        )
    return AdherenceRead(
        athlete_id=athlete.id,
        weeks=[_week_read(start, items) for start, items in sorted(by_week.items(), reverse=True)],
        exceptions=[DayExceptionRead.model_validate(e) for e in marked],
    )


def _week_read(
    start: date, items: list[tuple[SessionAdherence, SessionAdherenceRead]]
) -> WeekAdherenceRead:
    summary = week_adherence([result for result, _ in items])
    return WeekAdherenceRead(
        week_start=start,
        percent=summary.percent,
        counted=summary.counted,
        excused=summary.excused,
        green=summary.green,
        yellow=summary.yellow,
        red=summary.red,
        sessions=[read for _, read in items],
    )
