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
from typing import Any, cast

from sqlalchemy import (
    CompoundSelect,
    Float,
    String,
    Table,
    bindparam,
    func,
    insert,
    inspect,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy import cast as sql_cast
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


def _bounds() -> dict[str, Any]:
    return {"athlete": bindparam("athlete"), "start": bindparam("start"), "end": bindparam("end")}


def _inputs_statement() -> CompoundSelect[Any, Any, Any, Any, Any, Any]:
    """What the logs, the plan and the check-ins say about a range of days, and where data starts.

    One statement (a union of five selects) instead of five round trips: the refresh runs it on
    every check-in. Rows: ``(kind, day, a, b, c, text)``; ``kind`` says which select a row is from.
    """
    p = _bounds()
    no_float, no_text = sql_cast(null(), Float), sql_cast(null(), String)
    log, plan, score, check = TrainingLog, PlannedSession, ReadinessScore, CheckIn
    logs = select(
        literal(_LOG), log.local_date, log.load, log.duration_s, log.distance_m, log.sport
    ).where(log.athlete_id == p["athlete"], log.local_date.between(p["start"], p["end"]))
    planned = (
        select(
            literal(_PLAN),
            plan.scheduled_date,
            func.sum(plan.planned_load),
            no_float,
            no_float,
            no_text,
        )
        .where(
            plan.athlete_id == p["athlete"],
            plan.scheduled_date.between(p["start"], p["end"]),
            plan.status != "cancelled",
        )
        .group_by(plan.scheduled_date)
    )
    scores = select(
        literal(_SCORE), score.local_date, score.score, no_float, no_float, score.band
    ).where(score.athlete_id == p["athlete"], score.local_date.between(p["start"], p["end"]))
    first_log = select(
        literal(_FIRST), func.min(log.local_date), no_float, no_float, no_float, no_text
    ).where(log.athlete_id == p["athlete"])
    first_checkin = select(
        literal(_FIRST), func.min(check.local_date), no_float, no_float, no_float, no_text
    ).where(check.athlete_id == p["athlete"])
    return union_all(logs, planned, scores, first_log, first_checkin)


_LOG, _PLAN, _SCORE, _FIRST = 0, 1, 2, 3
_INPUTS = _inputs_statement()


def _inputs(
    session: Session, athlete_id: int, start: date, end: date
) -> tuple[dict[date, DayInputs], date | None]:
    """Each day's inputs from ``start`` to ``end``, and the first day with a log or a check-in."""
    out: dict[date, DayInputs] = defaultdict(DayInputs)
    first: date | None = None
    rows = session.execute(_INPUTS, {"athlete": athlete_id, "start": start, "end": end})
    for kind, day, a, b, c, text in rows:
        if kind == _LOG:
            d = out[day]
            d.load += a
            d.duration_s += b
            d.distance_m += c or 0.0
            d.sessions += 1
            if text == "run":
                d.longest_run_m = max(d.longest_run_m, c or 0.0)
        elif kind == _PLAN:
            out[day].planned_load = float(a or 0.0)
        elif kind == _SCORE:
            out[day].readiness = (a, text)
        elif day is not None:
            first = day if first is None else min(first, day)
    return out, first


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
    changed = min(from_day, today)
    # The refresh starts at the changed day, or earlier: at the day after the last stored day when
    # days in between have no row yet, or at the first day of data when nothing is stored before
    # the change (read from the beginning then; the first day comes with the inputs).
    before = bisect_left(stored, changed, key=_day_of)
    lowest = min(changed, stored[before - 1][0] + timedelta(days=1)) if before else date.min
    inputs, first_input = _inputs(session, athlete_id, lowest, max(today, changed))
    # Rows can start before the first remaining data (the earliest log was deleted): those days are
    # refreshed too, so no stale load survives.
    first = min((d for d in (first_input, stored[0][0] if stored else None) if d), default=None)
    if first is None:  # nothing stored and nothing to store: no metrics to read back either
        snapshot = update_snapshot(session, athlete, today, [])
        recommendations.evaluate_athlete_day(
            session, athlete_id, today, now=now, snapshot=snapshot, recent=[]
        )
        return
    start = max(lowest, first)
    end = max(today, start)
    if end > max(today, changed):  # data only after today: the range read above missed it
        inputs, _ = _inputs(session, athlete_id, start, end)
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
            kept.append((day, *values, *_NO_RISK))
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
_WRITTEN = metric_history.INPUTS  # the order of ``_values``
_KEPT = ("organization_id", *metric_history.RISK)  # not the refresh's to write
_NO_RISK = (None,) * len(metric_history.RISK)
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
    done = (
        select(func.sum(TrainingLog.duration_s))
        .where(
            TrainingLog.athlete_id == athlete_id,
            TrainingLog.planned_session_id == PlannedSession.id,
        )
        .scalar_subquery()
    )
    planned = session.execute(
        select(PlannedSession.planned_duration_s, done).where(
            PlannedSession.athlete_id == athlete_id,
            PlannedSession.scheduled_date.between(start, today),
            PlannedSession.status != "cancelled",
            PlannedSession.category != "rest",
        )
    ).all()
    if not planned:
        return None
    statuses = [
        session_compliance(duration, None, done_s, None).status for duration, done_s in planned
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
