"""Daily metrics kept current when their inputs change.

A check-in or a logged session changes one day. The refresh aggregates the logs, the plan and the
readiness of the days from that day to the athlete's today and writes only the day rows whose
inputs changed; fitness, fatigue, form, ACWR and spikes are computed on read from the stored loads
(``services.metric_history``), so a back-dated edit writes one row, not every day after it. The
refresh then writes the athlete's snapshot (the caseload reads one row per athlete) and has the risk
engine assess today.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, cast

from sqlalchemy import (
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
    AthleteSnapshot,
    CheckIn,
    DailyMetric,
    LoadSeries,
    PlannedSession,
    RaceGoal,
    ReadinessScore,
    TrainingLog,
)
from runseason.db.rows import RowsTable
from runseason.db.types import BigId
from runseason.domain.adherence import adherence_rate, session_compliance
from runseason.domain.dates import days, local_date
from runseason.services import recommendations
from runseason.services.refresh import history


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
    no_float, no_text = sql_cast(null(), Float), sql_cast(null(), String)
    log, plan, score, check = TrainingLog, PlannedSession, ReadinessScore, CheckIn
    logs = (
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
        .join(r, and_(log.athlete_id == r.c.athlete_id, log.local_date.between(r.c.lo, r.c.hi)))
    )
    planned = (
        select(
            r.c.athlete_id,
            literal(_PLAN),
            plan.scheduled_date,
            func.sum(plan.planned_load),
            no_float,
            no_float,
            no_text,
        )
        .select_from(plan)
        .join(
            r, and_(plan.athlete_id == r.c.athlete_id, plan.scheduled_date.between(r.c.lo, r.c.hi))
        )
        .where(plan.status != "cancelled")
        .group_by(r.c.athlete_id, plan.scheduled_date)
    )
    scores = (
        select(
            r.c.athlete_id,
            literal(_SCORE),
            score.local_date,
            score.score,
            no_float,
            no_float,
            score.band,
        )
        .select_from(score)
        .join(r, and_(score.athlete_id == r.c.athlete_id, score.local_date.between(r.c.lo, r.c.hi)))
    )
    first_log = (
        select(func.min(log.local_date)).where(log.athlete_id == r.c.athlete_id).scalar_subquery()
    )
    first_checkin = (
        select(func.min(check.local_date))
        .where(check.athlete_id == r.c.athlete_id)
        .scalar_subquery()
    )
    firsts = [
        select(r.c.athlete_id, literal(_FIRST), first, no_float, no_float, no_float, no_text)
        for first in (first_log, first_checkin)
    ]
    return union_all(logs, planned, scores, *firsts)


_LOG, _PLAN, _SCORE, _FIRST = 0, 1, 2, 3


def _inputs(
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
            if text == "run":
                d.longest_run_m = max(d.longest_run_m, c or 0.0)
        elif kind == _PLAN:
            out[athlete_id][day].planned_load = float(a or 0.0)
        elif kind == _SCORE:
            out[athlete_id][day].readiness = (a, text)
        elif day is not None:
            earlier = firsts.get(athlete_id)
            firsts[athlete_id] = day if earlier is None else min(earlier, day)
    return out, firsts


Change = tuple[date, date | None]
"""The first and the last day whose inputs changed; ``None`` as the last: every day to today."""


def merge(earlier: Change | None, change: Change) -> Change:
    """Two changes to one athlete as one: from the earlier first day to the later last day."""
    if earlier is None:
        return change
    last = None if earlier[1] is None or change[1] is None else max(earlier[1], change[1])
    return min(earlier[0], change[0]), last


DEFER_KEY = "deferred_metric_refresh"


@contextmanager
def deferred_refresh(session: Session) -> Iterator[None]:
    """Batch writers (the season generator) run one recompute per athlete at the end of a block.

    Inside the block, ``refresh_after_change`` only notes the days touched; when the block ends
    without an error, the athletes are recomputed together (``refresh_many``). Requests never use
    it.
    """
    pending: dict[int, tuple[Change, datetime]] = {}
    session.info[DEFER_KEY] = pending
    try:
        yield
    finally:
        session.info.pop(DEFER_KEY, None)
    by_now: dict[datetime, dict[int, Change]] = defaultdict(dict)
    for athlete_id, (change, now) in pending.items():
        by_now[now][athlete_id] = change
    for now, changes in by_now.items():
        refresh_many(session, changes, now=now)


def refresh_after_change(
    session: Session,
    athlete_id: int,
    from_day: date,
    *,
    now: datetime,
    to_day: date | None = None,
) -> None:
    """Refresh the days ``from_day`` to ``to_day`` (to today without it), then the snapshot."""
    change = (from_day, to_day)
    pending = session.info.get(DEFER_KEY)
    if pending is not None:
        earlier = pending.get(athlete_id)
        pending[athlete_id] = (merge(earlier[0] if earlier else None, change), now)
        return
    refresh_many(session, {athlete_id: change}, now=now)


BATCH = 150  # athletes per round of batched statements: bounds one round's memory


def refresh_many(session: Session, changes: Mapping[int, Change], *, now: datetime) -> None:
    """Refresh many athletes' changed days, snapshots and risk with set-based statements.

    The statements of one round serve up to ``BATCH`` athletes: every stored day of theirs in one
    read, the changed days' inputs in one, the rows written with one statement per kind of write,
    then the snapshots and the risk engine's assessments of today, again batched.
    """
    ids = sorted(changes)
    for begin in range(0, len(ids), BATCH):
        _refresh_batch(session, {i: changes[i] for i in ids[begin : begin + BATCH]}, now)


@dataclass
class _Refresh:
    """One athlete's part of a batch."""

    athlete: Athlete
    today: date
    span: history.Loads | None
    ranges: list[tuple[date, date]]
    recent: list[history.DayMetrics] = field(default_factory=list)


def _ranges(span: history.Loads | None, change: Change, today: date) -> list[tuple[date, date]]:
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


def _refresh_batch(session: Session, changes: dict[int, Change], now: datetime) -> None:
    apply_refresh(session, prepare_refresh(session, changes, now), now)


@dataclass
class Prepared:
    """A batch's refresh worked out from what its reads saw, not yet written: the day rows to
    insert and rewrite, each athlete's history and last seven days (``apply_refresh`` writes
    them)."""

    batch: list[_Refresh]
    histories: dict[int, history.History]
    inserts: list[dict[str, object]]
    updates: list[dict[str, object]]

    def only(self, athlete_ids: set[int]) -> Prepared:
        """The part of the batch that concerns ``athlete_ids``."""
        return Prepared(
            [r for r in self.batch if r.athlete.id in athlete_ids],
            {a: h for a, h in self.histories.items() if a in athlete_ids},
            [row for row in self.inserts if row["athlete_id"] in athlete_ids],
            [row for row in self.updates if row["key_athlete_id"] in athlete_ids],
        )


def prepare_refresh(session: Session, changes: Mapping[int, Change], now: datetime) -> Prepared:
    """Everything of a refresh that only reads: the stored days, the changed days' inputs, the
    rows to write and the metrics of the last seven days. Reads only, so it may run in a read
    transaction that holds no write lock (``refresh_queue.prepare_due``)."""
    athletes = session.scalars(
        select(Athlete).where(Athlete.id.in_(list(changes))).order_by(Athlete.id)
    ).all()
    stored = history.loads_of(session, [a.id for a in athletes])
    batch = []
    for athlete in athletes:
        today = local_date(now, athlete.timezone)
        span = stored.get(athlete.id)
        batch.append(_Refresh(athlete, today, span, _ranges(span, changes[athlete.id], today)))
    inputs, firsts = _inputs(
        session, [(r.athlete.id, lo, hi) for r in batch for lo, hi in r.ranges]
    )
    late = [r for r in batch if _only_later_data(r, firsts.get(r.athlete.id))]
    if late:  # data only after the range read: read those athletes' first days again
        for r in late:
            first = firsts[r.athlete.id]
            r.ranges = [(first, first)]
        more, _ = _inputs(session, [(r.athlete.id, *r.ranges[0]) for r in late])
        inputs.update(more)
    # The changed days and the days the snapshot shows are read in full; the rest of the history
    # as loads only.
    windows = {
        r.athlete.id: [*r.ranges, (r.today - timedelta(days=_RECENT_DAYS - 1), r.today)]
        for r in batch
    }
    histories = history.histories_of(session, stored, windows)
    inserts: list[dict[str, object]] = []
    updates: list[dict[str, object]] = []
    for r in batch:
        days, athlete_id = histories[r.athlete.id], r.athlete.id
        _diff(r, days, inputs.get(athlete_id, {}), firsts.get(athlete_id), now, inserts, updates)
    recent = history.metrics_many(
        [
            (histories[r.athlete.id], r.today - timedelta(days=_RECENT_DAYS - 1), r.today)
            for r in batch
        ]
    )
    for r, days_metrics in zip(batch, recent, strict=True):
        r.recent = days_metrics
    return Prepared(batch, histories, inserts, updates)


def apply_refresh(session: Session, prepared: Prepared, now: datetime) -> None:
    """Write a prepared refresh: the day rows, the load series, the snapshots and the risk
    engine's assessment of today (which reads the open recommendations and interventions here,
    in the writing transaction)."""
    batch = prepared.batch
    if not batch:
        return
    if prepared.inserts:
        session.execute(insert(DailyMetric), prepared.inserts)
    if prepared.updates:
        session.connection().execute(_REWRITE, prepared.updates)
        _expire_loaded(session, {r.athlete.id: r.ranges[0][0] for r in batch})
    _write_series(session, batch, prepared.histories, now)
    snapshots = update_snapshots(session, [(r.athlete, r.today, r.recent) for r in batch])
    recommendations.evaluate_days(
        session,
        [(r.athlete, r.today, snapshots[r.athlete.id], r.recent) for r in batch],
        now=now,
    )
    write_snapshots(session, list(snapshots.values()), now)


_SERIES_TABLE = cast(Table, LoadSeries.__table__)
_RESERIES = update(_SERIES_TABLE).where(_SERIES_TABLE.c.athlete_id == bindparam("key_athlete_id"))


def _write_series(
    session: Session,
    batch: Sequence[_Refresh],
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


def _only_later_data(r: _Refresh, first: date | None) -> bool:
    """Nothing stored and the first day of data after every range read (a day after today)."""
    return r.span is None and first is not None and first > r.ranges[-1][1]


def _diff(
    r: _Refresh,
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
_RECENT_DAYS = 7  # the snapshot's readiness trend; the risk engine looks at the last four
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


def _expire_loaded(session: Session, starts: dict[int, date]) -> None:
    """Objects of the rewritten days already in this session would be stale: reload them."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, DailyMetric):
            identity = inspect(obj).identity
            if identity and identity[0] in starts and identity[1] >= starts[identity[0]]:
                session.expire(obj)


# Each row: an athlete, their today and the first day of their last seven.
_TODAY = RowsTable("todays", [("athlete_id", BigId), ("day", Date()), ("week", Date())])


@cache
def _adherence_statement() -> Select[Any]:
    d = _TODAY.table
    plan, log = PlannedSession, TrainingLog
    done = (
        select(func.sum(log.duration_s))
        .where(log.athlete_id == plan.athlete_id, log.planned_session_id == plan.id)
        .scalar_subquery()
    )
    return (
        select(d.c.athlete_id, plan.planned_duration_s, done)
        .select_from(plan)
        .join(
            d,
            and_(plan.athlete_id == d.c.athlete_id, plan.scheduled_date.between(d.c.week, d.c.day)),
        )
        .where(plan.status != "cancelled", plan.category != "rest")
    )


@cache
def _contact_statement() -> Select[Any]:
    """Each athlete's last check-in, last logged session and next race."""
    d = _TODAY.table
    return select(
        d.c.athlete_id,
        select(func.max(CheckIn.local_date))
        .where(CheckIn.athlete_id == d.c.athlete_id)
        .scalar_subquery(),
        select(func.max(TrainingLog.local_date))
        .where(TrainingLog.athlete_id == d.c.athlete_id)
        .scalar_subquery(),
        select(func.min(RaceGoal.race_date))
        .where(RaceGoal.athlete_id == d.c.athlete_id, RaceGoal.race_date >= d.c.day)
        .scalar_subquery(),
    )


@dataclass(slots=True)
class Snapshot:
    """An athlete's snapshot as a refresh works it out; the risk engine fills in the risk and the
    open interventions, then ``write_snapshots`` stores the batch's in one statement."""

    athlete_id: int
    organization_id: int
    stored: bool  # the athlete has a snapshot row
    as_of: date
    readiness_score: float | None
    readiness_band: str | None
    readiness_trend: list[float | None]
    form: float | None
    ctl: float | None
    acwr: float | None
    adherence_7d: float | None
    last_checkin_date: date | None
    last_log_date: date | None
    next_race_date: date | None
    risk: float = 0.0
    risk_bucket: str = "stable"
    confidence: float | None = None
    top_factors: list[Any] = field(default_factory=list)
    open_interventions: int = 0


_SNAPSHOT_TABLE = cast(Table, AthleteSnapshot.__table__)
# What the refresh writes of a snapshot: the fields of ``Snapshot`` but its keys and whether it is
# stored; not the last contact, which the contact log keeps.
_SNAPSHOT_WRITTEN = tuple(
    f.name for f in fields(Snapshot) if f.name not in {"athlete_id", "organization_id", "stored"}
)
if set(_SNAPSHOT_WRITTEN) | {"athlete_id", "organization_id", "last_contact_at", "updated_at"} != {
    c.name for c in _SNAPSHOT_TABLE.c
}:
    raise RuntimeError("athlete_snapshots has a column the refresh does not write")
_RESNAPSHOT = update(_SNAPSHOT_TABLE).where(
    _SNAPSHOT_TABLE.c.athlete_id == bindparam("key_athlete_id")
)
_HAVE_SNAPSHOT = select(AthleteSnapshot.athlete_id).where(
    AthleteSnapshot.athlete_id.in_(bindparam("athletes", expanding=True))
)


def update_snapshots(
    session: Session,
    batch: Sequence[tuple[Athlete, date, list[history.DayMetrics]]],
) -> dict[int, Snapshot]:
    """Work out each athlete's one-row summary (readiness, load, adherence, last contact, next
    race); ``write_snapshots`` stores them once the risk engine has assessed the day.

    ``batch`` gives each athlete's today and their metrics of the last seven days.
    """
    if not batch:
        return {}
    ids = [athlete.id for athlete, _, _ in batch]
    todays = [(athlete.id, today, today - timedelta(days=6)) for athlete, today, _ in batch]
    connection = session.connection()
    params = _TODAY.params(todays)
    planned: dict[int, list[str]] = defaultdict(list)
    for athlete_id, duration, done_s in connection.execute(_adherence_statement(), params):
        planned[athlete_id].append(session_compliance(duration, None, done_s, None).status)
    contact = {row[0]: row[1:] for row in connection.execute(_contact_statement(), params)}
    stored = set(connection.execute(_HAVE_SNAPSHOT, {"athletes": ids}).scalars())
    snapshots: dict[int, Snapshot] = {}
    for athlete, today, recent in batch:
        latest = recent[-1] if recent else None
        today_s = latest is not None and latest.day == today
        statuses = planned.get(athlete.id)
        last_checkin, last_log, next_race = contact[athlete.id]
        snapshots[athlete.id] = Snapshot(
            athlete_id=athlete.id,
            organization_id=athlete.organization_id,
            stored=athlete.id in stored,
            as_of=today,
            readiness_score=latest.readiness_score if latest and today_s else None,
            readiness_band=latest.readiness_band if latest and today_s else None,
            readiness_trend=[r.readiness_score for r in recent],
            form=latest.form if latest else None,
            ctl=latest.ctl if latest else None,
            acwr=latest.acwr_ewma if latest else None,
            adherence_7d=adherence_rate(statuses) if statuses else None,
            last_checkin_date=last_checkin,
            last_log_date=last_log,
            next_race_date=next_race,
        )
    return snapshots


def write_snapshots(session: Session, snapshots: Sequence[Snapshot], now: datetime) -> None:
    """Store a batch's snapshots: one UPDATE executed for the rows that exist, one INSERT for the
    new ones. Snapshot objects already loaded in the session are reloaded when next read."""
    inserts: list[dict[str, object]] = []
    updates: list[dict[str, object]] = []
    for snap in snapshots:
        row = {name: getattr(snap, name) for name in _SNAPSHOT_WRITTEN}
        row["updated_at"] = now
        if snap.stored:
            updates.append({**row, "key_athlete_id": snap.athlete_id})
        else:
            inserts.append(
                {**row, "athlete_id": snap.athlete_id, "organization_id": snap.organization_id}
            )
    if inserts:
        session.execute(insert(AthleteSnapshot), inserts)
    if updates:
        session.connection().execute(_RESNAPSHOT, updates)
    for snap in snapshots:
        loaded = session.identity_map.get(session.identity_key(AthleteSnapshot, snap.athlete_id))
        if loaded is not None:
            session.expire(loaded)
