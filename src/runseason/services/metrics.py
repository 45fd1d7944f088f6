"""Daily metrics kept current when their inputs change.

A check-in or a logged session changes one day. The refresh aggregates the logs, the plan and the
readiness of the days from that day to the athlete's today and writes only the day rows whose
inputs changed; fitness, fatigue, form, ACWR and spikes are computed on read from the stored loads
(``services.metric_history``), so a back-dated edit writes one row, not every day after it. The
refresh then writes the athlete's snapshot (the caseload reads one row per athlete) and has the risk
engine assess today.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import cast

from sqlalchemy import Table, func, insert, inspect, select
from sqlalchemy.orm import Session

from runseason.db.models import (
    Athlete,
    AthleteSnapshot,
    CheckIn,
    DailyMetric,
    PlannedSession,
    RaceGoal,
    ReadinessScore,
    TrainingLog,
)
from runseason.db.rows import RowUpdater
from runseason.domain.adherence import adherence_rate, session_compliance
from runseason.domain.dates import days, local_date
from runseason.services import metric_history, recommendations


@dataclass
class DayInputs:
    """What the logs say about one day."""

    load: float = 0.0
    duration_s: float = 0.0
    distance_m: float = 0.0
    sessions: int = 0
    longest_run_m: float = 0.0
    planned_load: float = 0.0
    readiness: tuple[float, str] | None = None
    extra: dict[str, float] = field(default_factory=dict)


def _inputs(session: Session, athlete_id: int, start: date, end: date) -> dict[date, DayInputs]:
    out: dict[date, DayInputs] = defaultdict(DayInputs)
    logs = session.execute(
        select(
            TrainingLog.local_date,
            TrainingLog.load,
            TrainingLog.duration_s,
            TrainingLog.distance_m,
            TrainingLog.sport,
        ).where(TrainingLog.athlete_id == athlete_id, TrainingLog.local_date.between(start, end))
    )
    for day, load, duration, distance, sport in logs:
        d = out[day]
        d.load += load
        d.duration_s += duration
        d.distance_m += distance or 0.0
        d.sessions += 1
        if sport == "run":
            d.longest_run_m = max(d.longest_run_m, distance or 0.0)
    planned = session.execute(
        select(PlannedSession.scheduled_date, func.sum(PlannedSession.planned_load))
        .where(
            PlannedSession.athlete_id == athlete_id,
            PlannedSession.scheduled_date.between(start, end),
            PlannedSession.status != "cancelled",
        )
        .group_by(PlannedSession.scheduled_date)
    )
    for day, load in planned:
        out[day].planned_load = float(load or 0.0)
    scores = session.execute(
        select(ReadinessScore.local_date, ReadinessScore.score, ReadinessScore.band).where(
            ReadinessScore.athlete_id == athlete_id, ReadinessScore.local_date.between(start, end)
        )
    )
    for day, score, band in scores:
        out[day].readiness = (score, band)
    return out


def _first_input_day(session: Session, athlete_id: int) -> date | None:
    """The earliest day with a log or a check-in, in one statement."""
    firsts = session.execute(
        select(
            select(func.min(TrainingLog.local_date))
            .where(TrainingLog.athlete_id == athlete_id)
            .scalar_subquery(),
            select(func.min(CheckIn.local_date))
            .where(CheckIn.athlete_id == athlete_id)
            .scalar_subquery(),
        )
    ).one()
    return min((d for d in firsts if d is not None), default=None)


DEFER_KEY = "deferred_metric_refresh"


@contextmanager
def deferred_refresh(session: Session) -> Iterator[None]:
    """Batch writers (the season generator) run one recompute per athlete at the end of a block.

    Inside the block, ``refresh_after_change`` only notes the earliest day touched; when the block
    ends without an error, each athlete is recomputed once from that day. Requests never use it.
    """
    pending: dict[int, tuple[date, datetime]] = {}
    session.info[DEFER_KEY] = pending
    try:
        yield
    finally:
        session.info.pop(DEFER_KEY, None)
    for athlete_id, (from_day, now) in pending.items():
        refresh_after_change(session, athlete_id, from_day, now=now)


def refresh_after_change(
    session: Session, athlete_id: int, from_day: date, *, now: datetime
) -> None:
    """Recompute daily metrics from ``from_day`` to the athlete's today, then the snapshot."""
    pending = session.info.get(DEFER_KEY)
    if pending is not None:
        earlier = pending.get(athlete_id)
        pending[athlete_id] = (min(earlier[0], from_day) if earlier else from_day, now)
        return
    athlete = session.get(Athlete, athlete_id)
    if athlete is None:
        return
    today = local_date(now, athlete.timezone)
    stored = metric_history.stored_days(session, athlete_id)
    # Rows can start before the first remaining data (the earliest log was deleted): those days are
    # refreshed too, so no stale load survives.
    first = min(
        (d for d in (_first_input_day(session, athlete_id), stored[0][0] if stored else None) if d),
        default=None,
    )
    if first is None:
        snapshot = update_snapshot(session, athlete, today)
        recommendations.evaluate_athlete_day(session, athlete_id, today, now=now, snapshot=snapshot)
        return
    start = max(min(from_day, today), first)
    # Days nobody touched have no row yet: fill them from the last stored day, not from ``start``.
    before = bisect_left(stored, start, key=_day_of)
    start = first if before == 0 else min(start, stored[before - 1][0] + timedelta(days=1))
    end = max(today, start)
    inputs = _inputs(session, athlete_id, start, end)
    stored = stored[: bisect_right(stored, end, key=_day_of)]
    # Only days whose inputs changed are written: the derived metrics are computed on read, so a
    # back-dated edit costs the days it changed, not every day after it.
    kept = [row for row in stored if row[0] < start]
    by_day = {row[0]: row for row in stored if row[0] >= start}
    inserts: list[dict[str, object]] = []
    updates: list[tuple[object, ...]] = []
    for day in days(start, end):
        values = _values(inputs.get(day, _NO_INPUTS))
        old = by_day.get(day)
        if old is None:
            inserts.append(
                dict(
                    zip(_WRITTEN, values, strict=True),
                    athlete_id=athlete_id,
                    day=day,
                    organization_id=athlete.organization_id,
                    updated_at=now,
                )
            )
            kept.append((day, *values, None, None, None))
        elif tuple(old[1 : 1 + len(_WRITTEN)]) != values:
            updates.append((*values, now, athlete_id, day))
            kept.append((day, *values, *old[1 + len(_WRITTEN) :]))
        else:
            kept.append(old)
    if inserts:
        session.execute(insert(DailyMetric), inserts)
    _REWRITE.execute(session.connection(), updates)
    if updates:
        _expire_loaded(session, athlete_id, start)
    recent = metric_history.compute(kept, today - timedelta(days=_RECENT_DAYS - 1), today)
    snapshot = update_snapshot(session, athlete, today, recent)
    recommendations.evaluate_athlete_day(
        session, athlete_id, today, now=now, snapshot=snapshot, recent=recent
    )


_METRIC_TABLE = cast(Table, DailyMetric.__table__)
_RECENT_DAYS = 7  # the snapshot's readiness trend; the risk engine looks at the last four
_WRITTEN = (  # the order of ``_values``, and of ``metric_history.STORED`` after the day
    "load",
    "duration_s",
    "distance_m",
    "sessions",
    "planned_load",
    "longest_run_m",
    "readiness_score",
    "readiness_band",
)
if metric_history.STORED[1 : 1 + len(_WRITTEN)] != _WRITTEN:
    raise RuntimeError("metric_history.STORED must list the refreshed inputs first, in order")
_KEPT = ("organization_id", "risk", "risk_bucket", "confidence")  # not the refresh's to write
if set(_WRITTEN) | {"updated_at"} != {c.name for c in _METRIC_TABLE.c if not c.primary_key} - set(
    _KEPT
):
    raise RuntimeError("daily_metrics has a column the refresh does not write: add it to _values")
_REWRITE = RowUpdater(_METRIC_TABLE, (*_WRITTEN, "updated_at"), ("athlete_id", "day"))
_NO_INPUTS = DayInputs()


def _day_of(row: metric_history.StoredDay) -> date:
    day: date = row[0]
    return day


def _values(d: DayInputs) -> tuple[object, ...]:
    """A day's stored inputs, in the order of ``_WRITTEN``."""
    readiness_score, readiness_band = d.readiness if d.readiness else (None, None)
    return (
        d.load,
        d.duration_s,
        d.distance_m,
        d.sessions,
        d.planned_load,
        d.longest_run_m,
        readiness_score,
        readiness_band,
    )


def _expire_loaded(session: Session, athlete_id: int, start: date) -> None:
    """Objects of the rewritten days already in this session would be stale: reload them."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, DailyMetric):
            identity = inspect(obj).identity
            if identity and identity[0] == athlete_id and identity[1] >= start:
                session.expire(obj)


def _adherence_7d(session: Session, athlete_id: int, today: date) -> float | None:
    start = today - timedelta(days=6)
    planned = session.execute(
        select(
            PlannedSession.id, PlannedSession.planned_duration_s, PlannedSession.planned_distance_m
        ).where(
            PlannedSession.athlete_id == athlete_id,
            PlannedSession.scheduled_date.between(start, today),
            PlannedSession.status != "cancelled",
            PlannedSession.category != "rest",
        )
    ).all()
    if not planned:
        return None
    done = dict(
        session.execute(
            select(TrainingLog.planned_session_id, func.sum(TrainingLog.duration_s))
            .where(
                TrainingLog.athlete_id == athlete_id,
                TrainingLog.planned_session_id.in_([p.id for p in planned]),
            )
            .group_by(TrainingLog.planned_session_id)
        ).all()
    )
    statuses = [
        session_compliance(p.planned_duration_s, None, done.get(p.id), None).status for p in planned
    ]
    return adherence_rate(statuses)


def update_snapshot(
    session: Session,
    athlete: Athlete,
    today: date,
    recent: list[metric_history.DayMetrics] | None = None,
) -> AthleteSnapshot:
    """Write the athlete's one-row summary (readiness, load, adherence, last contact, next race).

    ``recent`` is the athlete's last seven days of metrics when the caller has computed them.
    """
    snap = session.get(AthleteSnapshot, athlete.id)
    if snap is None:
        snap = AthleteSnapshot(
            athlete_id=athlete.id, organization_id=athlete.organization_id, as_of=today
        )
        session.add(snap)
    if recent is None:
        recent = metric_history.read(
            session, athlete.id, today - timedelta(days=_RECENT_DAYS - 1), today
        )
    latest = recent[-1] if recent else None
    snap.as_of = today
    snap.readiness_score = latest.readiness_score if latest and latest.day == today else None
    snap.readiness_band = latest.readiness_band if latest and latest.day == today else None
    snap.readiness_trend = [r.readiness_score for r in recent]
    snap.form = latest.form if latest else None
    snap.ctl = latest.ctl if latest else None
    snap.acwr = latest.acwr_ewma if latest else None
    snap.adherence_7d = _adherence_7d(session, athlete.id, today)
    snap.last_checkin_date, snap.last_log_date, snap.next_race_date = session.execute(
        select(
            select(func.max(CheckIn.local_date))
            .where(CheckIn.athlete_id == athlete.id)
            .scalar_subquery(),
            select(func.max(TrainingLog.local_date))
            .where(TrainingLog.athlete_id == athlete.id)
            .scalar_subquery(),
            select(func.min(RaceGoal.race_date))
            .where(RaceGoal.athlete_id == athlete.id, RaceGoal.race_date >= today)
            .scalar_subquery(),
        )
    ).one()
    session.flush()
    return snap
