"""A refresh of a batch of athletes, ending in each one's snapshot and the risk engine's day.

``prepare_refresh`` only reads: the stored loads, the changed days' inputs and the last seven
days' metrics; ``apply_refresh`` writes the day rows, the load series, the snapshots (the
caseload reads one row per athlete) and has the risk engine assess today.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, cast

from sqlalchemy import Date, Select, Table, and_, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from runseason.db.models import (
    Athlete,
    AthleteSnapshot,
    AvailabilityException,
    CheckIn,
    PlannedSession,
    RaceGoal,
    TrainingLog,
)
from runseason.db.rows import RowsTable
from runseason.db.types import BigId
from runseason.domain.adherence import (
    DoneValues,
    PlannedValues,
    SessionAdherence,
    session_adherence,
    week_adherence,
)
from runseason.domain.dates import local_date
from runseason.services.refresh import days, engine, history

DEFER_KEY = "deferred_metric_refresh"


@contextmanager
def deferred_refresh(session: Session) -> Iterator[None]:
    """Batch writers (the season generator) run one recompute per athlete at the end of a block.

    Inside the block, ``refresh_after_change`` only notes the days touched; when the block ends
    without an error, the athletes are recomputed together (``refresh_many``), as the worker
    drains its queue: the athletes of one time zone as of the latest change among them (so each
    one's today is the local day of their block). Requests never use it.
    """
    pending: dict[int, tuple[days.Change, datetime]] = {}
    session.info[DEFER_KEY] = pending
    try:
        yield
    finally:
        session.info.pop(DEFER_KEY, None)
    zones = select(Athlete.id, Athlete.timezone).where(Athlete.id.in_(list(pending)))
    zone_of: dict[int, str] = dict(session.execute(zones).all())
    by_zone: dict[str, dict[int, days.Change]] = defaultdict(dict)
    latest: dict[str, datetime] = {}
    for athlete_id, (change, now) in pending.items():
        zone = zone_of[athlete_id]
        by_zone[zone][athlete_id] = change
        latest[zone] = max(latest.get(zone, now), now)
    for zone, changes in by_zone.items():
        refresh_many(session, changes, now=latest[zone])


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
        pending[athlete_id] = (days.merge(earlier[0] if earlier else None, change), now)
        return
    refresh_many(session, {athlete_id: change}, now=now)


BATCH = 150  # athletes per round of batched statements: bounds one round's memory


def refresh_many(session: Session, changes: Mapping[int, days.Change], *, now: datetime) -> None:
    """Refresh many athletes' changed days, snapshots and risk with set-based statements.

    The statements of one round serve up to ``BATCH`` athletes: every stored day of theirs in one
    read, the changed days' inputs in one, the rows written with one statement per kind of write,
    then the snapshots and the risk engine's assessments of today, again batched.
    """
    ids = sorted(changes)
    for begin in range(0, len(ids), BATCH):
        _refresh_batch(session, {i: changes[i] for i in ids[begin : begin + BATCH]}, now)


def _refresh_batch(session: Session, changes: dict[int, days.Change], now: datetime) -> None:
    apply_refresh(session, prepare_refresh(session, changes, now), now)


@dataclass
class Prepared:
    """A batch's refresh worked out from what its reads saw, not yet written: the day rows to
    insert and rewrite, each athlete's history and last seven days (``apply_refresh`` writes
    them)."""

    batch: list[days.Part]
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


def prepare_refresh(
    session: Session, changes: Mapping[int, days.Change], now: datetime
) -> Prepared:
    """Everything of a refresh that only reads: the stored days, the changed days' inputs, the
    rows to write and the metrics of the last seven days (no lock is needed)."""
    batch, stored = _parts(session, changes, now)
    inputs, firsts = days.read_inputs(
        session, [(r.athlete.id, lo, hi) for r in batch for lo, hi in r.ranges]
    )
    late = [r for r in batch if days.only_later_data(r, firsts.get(r.athlete.id))]
    if late:  # data only after the range read: read those athletes' first days again
        for r in late:
            first = firsts[r.athlete.id]
            r.ranges = [(first, first)]
        more, _ = days.read_inputs(session, [(r.athlete.id, *r.ranges[0]) for r in late])
        inputs.update(more)
    # The changed days and the days the snapshot shows are read in full; the rest as loads only.
    histories = history.histories_of(
        session, stored, {r.athlete.id: [*r.ranges, _week(r)] for r in batch}
    )
    inserts: list[dict[str, object]] = []
    updates: list[dict[str, object]] = []
    for r in batch:
        known, since = inputs.get(r.athlete.id, {}), firsts.get(r.athlete.id)
        days.diff(r, histories[r.athlete.id], known, since, now, inserts, updates)
    recent = history.metrics_many([(histories[r.athlete.id], *_week(r)) for r in batch])
    for r, week in zip(batch, recent, strict=True):
        r.recent = week
    return Prepared(batch, histories, inserts, updates)


def _parts(
    session: Session, changes: Mapping[int, days.Change], now: datetime
) -> tuple[list[days.Part], dict[int, history.Loads]]:
    """Each athlete's part of the batch (their today and the day ranges to read), and their
    stored loads."""
    athletes = session.scalars(
        select(Athlete).where(Athlete.id.in_(list(changes))).order_by(Athlete.id)
    ).all()
    stored = history.loads_of(session, [a.id for a in athletes])
    batch = []
    for athlete in athletes:
        today = local_date(now, athlete.timezone)
        span = stored.get(athlete.id)
        wanted = days.ranges_to_refresh(span, changes[athlete.id], today)
        batch.append(days.Part(athlete, today, span, wanted))
    return batch, stored


def _week(r: days.Part) -> tuple[date, date]:
    """The days the snapshot shows: the last seven up to the athlete's today."""
    return r.today - timedelta(days=days.RECENT_DAYS - 1), r.today


def apply_refresh(session: Session, prepared: Prepared, now: datetime) -> None:
    """Write a prepared refresh: the day rows, the load series, the snapshots and the risk
    engine's assessment of today (which reads the open recommendations and interventions here,
    in the writing transaction)."""
    batch = prepared.batch
    if not batch:
        return
    starts = {r.athlete.id: r.ranges[0][0] for r in batch}
    days.write_days(session, prepared.inserts, prepared.updates, starts)
    days.write_series(session, batch, prepared.histories, now)
    snapshots = update_snapshots(session, [(r.athlete, r.today, r.recent) for r in batch])
    engine.evaluate_days(
        session,
        [(r.athlete, r.today, snapshots[r.athlete.id], r.recent) for r in batch],
        now=now,
    )
    write_snapshots(session, list(snapshots.values()), now)


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
        .where(
            plan.status != "cancelled",
            plan.category != "rest",
            ~AvailabilityException.covers(plan.athlete_id, plan.scheduled_date),
        )
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
    planned: dict[int, list[SessionAdherence]] = defaultdict(list)
    for athlete_id, duration, done_s in connection.execute(_adherence_statement(), params):
        done = DoneValues(done_s) if done_s else None
        planned[athlete_id].append(session_adherence(PlannedValues(duration), done))
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
            adherence_7d=_share(week_adherence(statuses).percent) if statuses else None,
            last_checkin_date=last_checkin,
            last_log_date=last_log,
            next_race_date=next_race,
        )
    return snapshots


def _share(percent: float | None) -> float | None:
    return None if percent is None else percent / 100.0


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
