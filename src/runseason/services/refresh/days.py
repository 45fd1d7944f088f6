"""The day rows a change touches: what the logs, the plan and the check-ins say about each day.

A refresh reads the inputs of the changed days for a batch of athletes (``read_inputs``), writes
the day rows whose inputs changed (``diff``, ``write_days``) and each athlete's load series; the
derived metrics are computed on read (``history``), so a back-dated edit writes the days it
changed, not every day after it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, cast

from sqlalchemy import (
    CTE,
    CompoundSelect,
    Date,
    Float,
    Select,
    String,
    Table,
    and_,
    bindparam,
    func,
    insert,
    inspect,
    literal,
    null,
    select,
    union_all,
    update,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session

from runseason.db.models import (
    Athlete,
    CheckIn,
    DailyMetric,
    LoadSeries,
    PlannedSession,
    ReadinessScore,
    TrainingLog,
)
from runseason.db.rows import RowsTable
from runseason.db.types import BigId
from runseason.domain.dates import days
from runseason.domain.load import RUNNING_SPORTS
from runseason.services.refresh import history

Change = tuple[date, date | None]
"""The first and the last day whose inputs changed; ``None`` as the last: every day to today."""


def merge(earlier: Change | None, change: Change) -> Change:
    """Two changes to one athlete as one: from the earlier first day to the later last day."""
    if earlier is None:
        return change
    last = None if earlier[1] is None or change[1] is None else max(earlier[1], change[1])
    return min(earlier[0], change[0]), last


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


# Each row of the batch's ranges: an athlete and the first and last day of a range to refresh.
_RANGES = RowsTable("ranges", [("athlete_id", BigId), ("lo", Date()), ("hi", Date())])


@cache
def _inputs_statement() -> CompoundSelect[Any, Any, Any, Any, Any, Any, Any]:
    """What the logs, the plan and the check-ins say about ranges of days, and where each
    athlete's data starts: a union of five selects joined to the ranges, for a batch of athletes.

    Rows: ``(athlete, kind, day, a, b, c, text)``; ``kind`` says which select a row is from.
    """
    r = _RANGES.table
    return union_all(_logs(r), _planned(r), _scores(r), *_first_days(r))


_NO_FLOAT, _NO_TEXT = sql_cast(null(), Float), sql_cast(null(), String)


def _in_range(athlete_id: Any, day: Any, r: CTE) -> Any:
    return and_(athlete_id == r.c.athlete_id, day.between(r.c.lo, r.c.hi))


def _logs(r: CTE) -> Select[Any]:
    log = TrainingLog
    return (
        select(
            r.c.athlete_id,
            literal(_LOG),
            log.local_date,
            log.load,
            log.duration_s,
            log.distance_m,
            log.sport,
        )
        .select_from(log)
        .join(r, _in_range(log.athlete_id, log.local_date, r))
    )


def _planned(r: CTE) -> Select[Any]:
    plan = PlannedSession
    load = func.sum(plan.planned_load)
    return (
        select(r.c.athlete_id, literal(_PLAN), plan.scheduled_date, load, _NO_FLOAT, _NO_FLOAT)
        .add_columns(_NO_TEXT)
        .select_from(plan)
        .join(r, _in_range(plan.athlete_id, plan.scheduled_date, r))
        .where(plan.status != "cancelled")
        .group_by(r.c.athlete_id, plan.scheduled_date)
    )


def _scores(r: CTE) -> Select[Any]:
    score = ReadinessScore
    return (
        select(r.c.athlete_id, literal(_SCORE), score.local_date, score.score, _NO_FLOAT)
        .add_columns(_NO_FLOAT, score.band)
        .select_from(score)
        .join(r, _in_range(score.athlete_id, score.local_date, r))
    )


def _first_days(r: CTE) -> list[Select[Any]]:
    """Each athlete's first day with a log, and with a check-in."""
    firsts = [
        select(func.min(model.local_date)).where(model.athlete_id == r.c.athlete_id)
        for model in (TrainingLog, CheckIn)
    ]
    return [
        select(
            r.c.athlete_id, literal(_FIRST), first.scalar_subquery(), _NO_FLOAT, _NO_FLOAT
        ).add_columns(_NO_FLOAT, _NO_TEXT)
        for first in firsts
    ]


_LOG, _PLAN, _SCORE, _FIRST = 0, 1, 2, 3


def read_inputs(
    session: Session, ranges: Sequence[tuple[int, date, date]]
) -> tuple[dict[int, dict[date, DayInputs]], dict[int, date]]:
    """Each athlete's day inputs over the ranges, and their first day with a log or a check-in."""
    out: dict[int, dict[date, DayInputs]] = defaultdict(lambda: defaultdict(DayInputs))
    firsts: dict[int, date] = {}
    if not ranges:
        return out, firsts
    rows = session.execute(_inputs_statement(), _RANGES.params(ranges))
    for athlete_id, kind, day, a, b, c, text in rows:
        if kind == _LOG:
            d = out[athlete_id][day]
            d.load += a
            d.duration_s += b
            d.distance_m += c or 0.0
            d.sessions += 1
            if text in RUNNING_SPORTS:
                d.longest_run_m = max(d.longest_run_m, c or 0.0)
        elif kind == _PLAN:
            out[athlete_id][day].planned_load = float(a or 0.0)
        elif kind == _SCORE:
            out[athlete_id][day].readiness = (a, text)
        elif day is not None:
            earlier = firsts.get(athlete_id)
            firsts[athlete_id] = day if earlier is None else min(earlier, day)
    return out, firsts


@dataclass
class Part:
    """One athlete's part of a refresh batch: their today, stored span and the day ranges read."""

    athlete: Athlete
    today: date
    span: history.Loads | None
    ranges: list[tuple[date, date]]
    recent: list[history.DayMetrics] = field(default_factory=list)


def ranges_to_refresh(
    span: history.Loads | None, change: Change, today: date
) -> list[tuple[date, date]]:
    """The day ranges to refresh: the changed days up to today, and the days after the last row.

    Without a stored row on or before the first changed day, the range starts at the beginning
    (the first day of data comes with the inputs) and runs to today.
    """
    lo = min(change[0], today)
    # Days after today have no row: a change there (a planned session next week) refreshes today.
    hi = max(min(change[1] or today, today), lo)
    if span is None or lo < span.first:
        return [(date.min, max(hi, today))]
    last = span.last
    if last >= today:
        return [(lo, hi)]
    gap = (last + timedelta(days=1), today)
    if hi + timedelta(days=1) >= gap[0]:
        return [(lo, max(hi, today))]
    return [(lo, hi), gap]


_SERIES_TABLE = cast(Table, LoadSeries.__table__)
_RESERIES = update(_SERIES_TABLE).where(_SERIES_TABLE.c.athlete_id == bindparam("key_athlete_id"))


def write_series(
    session: Session,
    batch: Sequence[Part],
    histories: Mapping[int, history.History],
    now: datetime,
) -> None:
    """Each athlete's ``load_series`` as their day rows now say: rewritten where a load or a
    longest run changed, added where the athlete had none (their loads were read from the rows).
    """
    inserts: list[dict[str, object]] = []
    updates: list[dict[str, object]] = []
    for r in batch:
        days = histories[r.athlete.id]
        if days.first is None:
            continue
        kept = r.span is not None and r.span.kept
        if kept and not days.changed:
            continue
        row = history.series_row(
            r.athlete.organization_id, r.athlete.id, days.first, days.loads, days.runs
        )
        if kept:
            updates.append(
                {
                    "first_day": days.first,
                    "loads": row["loads"],
                    "runs": row["runs"],
                    "updated_at": now,
                    "key_athlete_id": r.athlete.id,
                }
            )
        else:
            inserts.append({**row, "updated_at": now})
    if inserts:
        session.execute(insert(LoadSeries), inserts)
    if updates:
        session.connection().execute(_RESERIES, updates)


def only_later_data(r: Part, first: date | None) -> bool:
    """Nothing stored and the first day of data after every range read (a day after today)."""
    return r.span is None and first is not None and first > r.ranges[-1][1]


def diff(
    r: Part,
    stored: history.History,
    inputs: dict[date, DayInputs],
    first_input: date | None,
    now: datetime,
    inserts: list[dict[str, object]],
    updates: list[dict[str, object]],
) -> None:
    """Collect the writes of the days whose inputs changed and put them in the history."""
    # Rows can start before the first remaining data (the earliest log was deleted): those days
    # are refreshed too, so no stale load survives.
    first = min((d for d in (first_input, stored.first) if d), default=None)
    if first is None:  # nothing stored and nothing to store: no metrics to read back either
        return
    athlete = r.athlete
    # Only days whose inputs changed are written: the derived metrics are computed on read, so a
    # back-dated edit costs the days it changed, not every day after it.
    for lo, hi in r.ranges:
        for day in days(max(lo, first), hi):
            values = _values(inputs.get(day, _NO_INPUTS))
            old = stored.rows.get(day)
            if old is None:
                inserts.append(
                    dict(
                        zip(_WRITTEN, values, strict=True),
                        athlete_id=athlete.id,
                        day=day,
                        organization_id=athlete.organization_id,
                        updated_at=now,
                    )
                )
                stored.put((day, *values, *_NO_RISK))
            elif tuple(old[1 : 1 + len(_WRITTEN)]) != values:
                updates.append(
                    dict(
                        zip(_WRITTEN, values, strict=True),
                        updated_at=now,
                        key_athlete_id=athlete.id,
                        key_day=day,
                    )
                )
                stored.put((day, *values, *old[1 + len(_WRITTEN) : len(_STORED)]))


_METRIC_TABLE = cast(Table, DailyMetric.__table__)
RECENT_DAYS = 7  # the snapshot's readiness trend; the risk engine looks at the last four
_WRITTEN = history.INPUTS  # the order of ``_values``
_KEPT = ("organization_id", *history.RISK)  # not the refresh's to write
_NO_RISK = (None,) * len(history.RISK)
_STORED = history.STORED
if set(_WRITTEN) | {"updated_at"} != {c.name for c in _METRIC_TABLE.c if not c.primary_key} - set(
    _KEPT
):
    raise RuntimeError("daily_metrics has a column the refresh does not write: add it to _values")
# Core executemany: one UPDATE, the changed days' values as parameters.
_REWRITE = update(_METRIC_TABLE).where(
    _METRIC_TABLE.c.athlete_id == bindparam("key_athlete_id"),
    _METRIC_TABLE.c.day == bindparam("key_day"),
)
_NO_INPUTS = DayInputs()


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


def write_days(
    session: Session,
    inserts: list[dict[str, object]],
    updates: list[dict[str, object]],
    starts: dict[int, date],
) -> None:
    """Insert the new day rows and rewrite the changed ones (one executemany each)."""
    if inserts:
        session.execute(insert(DailyMetric), inserts)
    if updates:
        session.connection().execute(_REWRITE, updates)
        _expire_loaded(session, starts)


def _expire_loaded(session: Session, starts: dict[int, date]) -> None:
    """Objects of the rewritten days already in this session would be stale: reload them."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, DailyMetric):
            identity = inspect(obj).identity
            if identity and identity[0] in starts and identity[1] >= starts[identity[0]]:
                session.expire(obj)


# Each row: an athlete, their today and the first day of their last seven.
