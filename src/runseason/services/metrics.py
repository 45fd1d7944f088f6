"""Derived daily metrics, updated incrementally when their inputs change.

A check-in or a logged session changes one day; everything from that day to the athlete's today is
recomputed from the stored state of the day before (``domain.training_load.next_day``), so a
back-dated edit costs days, not a season. The caseload then reads one ``AthleteSnapshot`` row per
athlete.
"""

from __future__ import annotations

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
from runseason.domain.training_load import DayState, next_day
from runseason.services import recommendations

WINDOW_DAYS = 30


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


def _first_day(session: Session, athlete_id: int) -> date | None:
    """The earliest day with a log, a check-in or a stored metric row, in one statement.

    Rows can start before the first remaining data (the earliest log was deleted): those days are
    recomputed too, so no stale load survives.
    """
    firsts = session.execute(
        select(
            select(func.min(TrainingLog.local_date))
            .where(TrainingLog.athlete_id == athlete_id)
            .scalar_subquery(),
            select(func.min(CheckIn.local_date))
            .where(CheckIn.athlete_id == athlete_id)
            .scalar_subquery(),
            select(func.min(DailyMetric.day))
            .where(DailyMetric.athlete_id == athlete_id)
            .scalar_subquery(),
        )
    ).one()
    return min((d for d in firsts if d is not None), default=None)


def _start_state(
    rows: dict[date, DailyMetric], inputs: dict[date, DayInputs], before: date
) -> DayState | None:
    last = rows.get(before)
    if last is None:
        return None
    window = days(before - timedelta(days=WINDOW_DAYS - 1), before)
    loads = tuple(rows[d].load if d in rows else 0.0 for d in window)
    ctls = tuple(rows[d].ctl for d in window[-8:] if d in rows)
    return DayState(
        days=last.days_of_data,
        load=last.load,
        ctl=last.ctl,
        atl=last.atl,
        form=last.form,
        ramp=last.ramp,
        acute_ewma=last.acute_ewma or 0.0,
        chronic_ewma=last.chronic_ewma or 0.0,
        acwr_ewma=last.acwr_ewma,
        acwr_coupled=last.acwr_coupled,
        acwr_uncoupled=last.acwr_uncoupled,
        monotony=last.monotony,
        strain=last.strain,
        longest_run_m=inputs[before].longest_run_m if before in inputs else 0.0,
        longest_run_m_30d=last.longest_run_m_30d,
        spike_ratio=last.spike_ratio,
        spike_flag=last.spike_flag,
        recent_loads=loads[-28:],
        recent_ctl=ctls,
        recent_longest_m=tuple(inputs[d].longest_run_m if d in inputs else 0.0 for d in window),
    )


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
    first = _first_day(session, athlete_id)
    if first is None:
        snapshot = update_snapshot(session, athlete, today)
        recommendations.evaluate_athlete_day(session, athlete_id, today, now=now, snapshot=snapshot)
        return
    start = max(min(from_day, today), first)
    # Days nobody touched have no row yet: carry on from the last stored day, not from zero.
    last_stored = session.scalar(
        select(func.max(DailyMetric.day)).where(
            DailyMetric.athlete_id == athlete_id, DailyMetric.day < start
        )
    )
    start = first if last_stored is None else min(start, last_stored + timedelta(days=1))
    end = max(today, start)
    lookback = start - timedelta(days=WINDOW_DAYS)
    inputs = _inputs(session, athlete_id, lookback, end)
    session.flush()
    # The window before ``start`` seeds the state; the days from ``start`` on are rewritten in
    # two bulk statements (a back-dated edit can touch years of rows: no per-row unit of work).
    rows = {
        r.day: r
        for r in session.scalars(
            select(DailyMetric).where(
                DailyMetric.athlete_id == athlete_id,
                DailyMetric.day >= lookback,
                DailyMetric.day < start,
            )
        )
    }
    existing = set(
        session.scalars(
            select(DailyMetric.day).where(
                DailyMetric.athlete_id == athlete_id, DailyMetric.day.between(start, end)
            )
        )
    )
    state = _start_state(rows, inputs, start - timedelta(days=1))
    inserts: list[dict[str, object]] = []
    updates: list[tuple[object, ...]] = []
    for day in days(start, end):
        d = inputs[day] if day in inputs else DayInputs()
        state = next_day(state, d.load, d.longest_run_m)
        row = _row(state, d, now)
        if day in existing:
            updates.append((*row, athlete_id, day))
        else:
            values = dict(zip(_REWRITTEN, row, strict=True))
            values.update(athlete_id=athlete_id, day=day, organization_id=athlete.organization_id)
            inserts.append(values)
    if inserts:
        session.execute(insert(DailyMetric), inserts)
    # Rewritten days go to the driver's executemany as tuples: most of a back-dated recompute is
    # writing rows, and SQLAlchemy's per-row parameter building cost more than the writes.
    _REWRITE.execute(session.connection(), updates)
    _expire_loaded(session, athlete_id, start)
    snapshot = update_snapshot(session, athlete, today)
    recommendations.evaluate_athlete_day(session, athlete_id, today, now=now, snapshot=snapshot)


_METRIC_TABLE = cast(Table, DailyMetric.__table__)
_KEPT = ("organization_id", "risk", "risk_bucket", "confidence")  # not the recompute's to write
_REWRITTEN = (  # the order of ``_row``
    "load",
    "duration_s",
    "distance_m",
    "sessions",
    "planned_load",
    "ctl",
    "atl",
    "form",
    "ramp",
    "acute_ewma",
    "chronic_ewma",
    "acwr_ewma",
    "acwr_coupled",
    "acwr_uncoupled",
    "monotony",
    "strain",
    "longest_run_m_30d",
    "spike_ratio",
    "spike_flag",
    "days_of_data",
    "readiness_score",
    "readiness_band",
    "updated_at",
)
if set(_REWRITTEN) != {c.name for c in _METRIC_TABLE.c if not c.primary_key} - set(_KEPT):
    raise RuntimeError("daily_metrics has a column the recompute does not write: add it to _row")
_REWRITE = RowUpdater(_METRIC_TABLE, _REWRITTEN, ("athlete_id", "day"))


def _row(s: DayState, d: DayInputs, now: datetime) -> tuple[object, ...]:
    """A day's rewritten columns, in the order of ``_REWRITTEN``."""
    readiness_score, readiness_band = d.readiness if d.readiness else (None, None)
    return (
        s.load,
        d.duration_s,
        d.distance_m,
        d.sessions,
        d.planned_load,
        s.ctl,
        s.atl,
        s.form,
        s.ramp,
        s.acute_ewma,
        s.chronic_ewma,
        s.acwr_ewma,
        s.acwr_coupled,
        s.acwr_uncoupled,
        s.monotony,
        s.strain,
        s.longest_run_m_30d,
        s.spike_ratio,
        s.spike_flag,
        s.days,
        readiness_score,
        readiness_band,
        now,
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


def update_snapshot(session: Session, athlete: Athlete, today: date) -> AthleteSnapshot:
    """Write the athlete's one-row summary (readiness, load, adherence, last contact, next race)."""
    snap = session.get(AthleteSnapshot, athlete.id)
    if snap is None:
        snap = AthleteSnapshot(
            athlete_id=athlete.id, organization_id=athlete.organization_id, as_of=today
        )
        session.add(snap)
    recent = session.scalars(
        select(DailyMetric)
        .where(
            DailyMetric.athlete_id == athlete.id,
            DailyMetric.day.between(today - timedelta(days=6), today),
        )
        .order_by(DailyMetric.day)
    ).all()
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
