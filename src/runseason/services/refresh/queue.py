"""The refresh queue: the coach-facing recompute taken off the athlete's request.

A check-in or a logged session must answer at once with what the athlete needs (readiness and the
briefing). What the coach needs from it (daily metrics from the changed day on, the snapshot, the
risk, recommendations and interventions) costs about three times as much and can follow a moment
later. In ``queued`` mode the write stores one ``MetricRefreshJob`` row per athlete in its own
transaction (a transactional outbox: a committed change always has its refresh waiting), and the
refresh worker (``runseason worker``, or a thread of the web process) takes the jobs oldest first.

Two changes to one athlete before the worker gets there make one job from the earlier first day to
the later last day. The worker takes the due jobs in batches (``process_due``: one set-based
refresh for many athletes); a batch that fails is retried job by job, and a job that fails stays,
with its error and a growing delay, and the System status page counts it.

One claim protocol on both databases: a batch is worked out from reads that take no lock
(``prepare_due``), then its athletes are locked (a row lock on PostgreSQL, skipping one held
elsewhere; the write lock on SQLite) and only those whose job stamp and snapshot are still what
the reads saw are written (``apply_due``). Every change gives its job a new random ``stamp`` and
every refresh writes the snapshot, so nothing out of date is written and a job is taken once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import BigInteger, Date, Select, bindparam, delete, func, select, text, update
from sqlalchemy.orm import Session

from runseason import telemetry
from runseason.config import get_settings
from runseason.db.models import Athlete, AthleteSnapshot, MetricRefreshJob
from runseason.db.types import BigId, UTCDateTime
from runseason.services.identity import access
from runseason.services.refresh import days, snapshots

MAX_BACKOFF = timedelta(hours=1)


class RefreshFailed(Exception):
    """A recompute raised; its jobs stay. Alone, the athlete's job waits for a later retry."""

    def __init__(self, athlete_id: int, error: BaseException, *, batch: int = 1) -> None:
        super().__init__(f"refresh of athlete {athlete_id} failed: {error!r}")
        self.athlete_id = athlete_id
        self.error = error
        self.batch = batch  # how many athletes the failed refresh had


def schedule(
    session: Session,
    athlete_id: int,
    organization_id: int,
    from_day: date,
    *,
    now: datetime,
    to_day: date | None = None,
) -> None:
    """After an athlete's own write to the days ``from_day`` to ``to_day`` (None: to today):
    refresh now (inline mode) or leave it to the worker."""
    if session.info.get(snapshots.DEFER_KEY) is not None or not get_settings().queued_refresh:
        snapshots.refresh_after_change(session, athlete_id, from_day, now=now, to_day=to_day)
        return
    enqueue(session, athlete_id, organization_id, from_day, now=now, to_day=to_day)


# The same upsert in SQLite and PostgreSQL dialects, built once (it runs on every check-in).
_ENQUEUE = text(
    "INSERT INTO metric_refresh_jobs "
    "(athlete_id, organization_id, from_day, to_day, enqueued_at, not_before, attempts, stamp) "
    "VALUES (:athlete_id, :organization_id, :from_day, :to_day, :now, :now, 0, :stamp) "
    "ON CONFLICT (athlete_id) DO UPDATE SET stamp = excluded.stamp, from_day = CASE "
    "WHEN excluded.from_day < metric_refresh_jobs.from_day THEN excluded.from_day "
    "ELSE metric_refresh_jobs.from_day END, "
    "to_day = CASE WHEN excluded.to_day IS NULL OR metric_refresh_jobs.to_day IS NULL THEN NULL "
    "WHEN excluded.to_day > metric_refresh_jobs.to_day THEN excluded.to_day "
    "ELSE metric_refresh_jobs.to_day END"
).bindparams(
    bindparam("athlete_id", type_=BigId),
    bindparam("organization_id", type_=BigId),
    bindparam("from_day", type_=Date()),
    bindparam("to_day", type_=Date()),
    bindparam("now", type_=UTCDateTime()),
    bindparam("stamp", type_=BigInteger()),
)


def enqueue(
    session: Session,
    athlete_id: int,
    organization_id: int,
    from_day: date,
    *,
    now: datetime,
    to_day: date | None = None,
) -> None:
    """One statement: a new job, or the waiting job's range of days widened."""
    session.execute(
        _ENQUEUE,
        {
            "athlete_id": athlete_id,
            "organization_id": organization_id,
            "from_day": from_day,
            "to_day": to_day,
            "now": now,
            "stamp": secrets.randbits(62),
        },
    )


def process_due(session: Session, *, now: datetime, limit: int) -> list[int]:
    """Refresh up to ``limit`` athletes who have waited longest, together; their ids.

    Run it inside one transaction per call. When the batch's refresh raises, ``RefreshFailed``
    names its first athlete (alone, that athlete's job).
    """
    claim = prepare_due(session, now=now, limit=limit)
    return [] if claim is None else apply_due(session, claim, now=now)


@dataclass(frozen=True)
class Claim:
    """Due jobs and their refresh, worked out without a lock (``prepare_due``): for each athlete
    the job's stamp and the snapshot's time that the reads saw."""

    seen: dict[int, tuple[int, datetime | None]]
    prepared: snapshots.Prepared


def _versions() -> Select[int, int, datetime]:
    job, snapshot = MetricRefreshJob, AthleteSnapshot
    return select(job.athlete_id, job.stamp, snapshot.updated_at).outerjoin(
        snapshot, snapshot.athlete_id == job.athlete_id
    )


_DUE = (
    _versions()
    .add_columns(MetricRefreshJob.from_day, MetricRefreshJob.to_day)
    .where(MetricRefreshJob.not_before <= bindparam("now"))
    .order_by(MetricRefreshJob.enqueued_at, MetricRefreshJob.athlete_id)
    .limit(bindparam("limit"))
)
_CURRENT = _versions().where(MetricRefreshJob.athlete_id.in_(bindparam("athletes", expanding=True)))


def prepare_due(session: Session, *, now: datetime, limit: int) -> Claim | None:
    """Read up to ``limit`` due jobs, oldest first, and work out their refresh without writing.

    ``apply_due`` writes the result. None when no job is due. When the reads or the arithmetic
    raise, ``RefreshFailed`` names the batch's first athlete.
    """
    rows = session.execute(_DUE, {"now": now, "limit": limit}).all()
    if not rows:
        return None
    changes: dict[int, days.Change] = {row.athlete_id: (row.from_day, row.to_day) for row in rows}
    try:
        prepared = snapshots.prepare_refresh(session, changes, now)
    except Exception as error:
        raise RefreshFailed(min(changes), error, batch=len(changes)) from error
    # Detached with what they hold: ``apply_due`` may run in another session.
    session.expunge_all()
    return Claim({row.athlete_id: (row.stamp, row.updated_at) for row in rows}, prepared)


def apply_due(session: Session, claim: Claim, *, now: datetime) -> list[int]:
    """Write a claim's refresh for the athletes nothing changed for since it was read; their ids.

    An athlete whose job was renewed (a check-in since), taken (another worker), whose snapshot
    was rewritten (a refresh on a request, after a plan change) or whose row another transaction
    holds (PostgreSQL) keeps their job for the next round: what was worked out for them may be out
    of date.
    """
    locked = access.lock_athletes(session, sorted(claim.seen))
    current = {
        row.athlete_id: (row.stamp, row.updated_at)
        for row in session.execute(_CURRENT, {"athletes": locked})
    }
    kept = {a for a in locked if current.get(a) == claim.seen[a]}
    if not kept:
        return []
    session.execute(delete(MetricRefreshJob).where(MetricRefreshJob.athlete_id.in_(sorted(kept))))
    prepared = claim.prepared.only(kept)
    athletes = {a.id: a for a in session.scalars(select(Athlete).where(Athlete.id.in_(kept)))}
    for part in prepared.batch:  # this transaction's own objects, not the read's
        part.athlete = athletes[part.athlete.id]
    try:
        snapshots.apply_refresh(session, prepared, now)
    except Exception as error:
        raise RefreshFailed(min(kept), error, batch=len(kept)) from error
    return sorted(kept)


def record_failure(session: Session, athlete_id: int, error: str, *, now: datetime) -> None:
    """Keep a failed job with its error; retry after 2^attempts seconds, at most an hour."""
    job = session.get(MetricRefreshJob, athlete_id)
    if job is None:
        return
    telemetry.REFRESH_FAILURES.inc()
    delay = min(timedelta(seconds=2 ** min(job.attempts + 1, 12)), MAX_BACKOFF)
    session.execute(
        update(MetricRefreshJob)
        .where(MetricRefreshJob.athlete_id == athlete_id)
        .values(
            attempts=MetricRefreshJob.attempts + 1,
            last_error=error[:500],
            not_before=now + delay,
        )
    )


@dataclass(frozen=True)
class QueueStatus:
    """What the System status page shows about the refresh queue."""

    pending: int
    failing: int
    oldest_enqueued_at: datetime | None


def queue_status(session: Session, *, organization_id: int | None = None) -> QueueStatus:
    """How many athletes (of one organization, or all) wait for a refresh, failed, since when."""
    query = select(
        func.count(),
        func.count(MetricRefreshJob.last_error),
        func.min(MetricRefreshJob.enqueued_at),
    )
    if organization_id is not None:
        query = query.where(MetricRefreshJob.organization_id == organization_id)
    pending, failing, oldest = session.execute(query).one()
    return QueueStatus(int(pending), int(failing), oldest)
