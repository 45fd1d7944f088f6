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
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Date, bindparam, delete, func, select, text, update
from sqlalchemy.orm import Session

from runseason.config import get_settings
from runseason.db.models import MetricRefreshJob
from runseason.db.types import BigId, UTCDateTime
from runseason.services import access, metrics

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
    if session.info.get(metrics.DEFER_KEY) is not None or not get_settings().queued_refresh:
        metrics.refresh_after_change(session, athlete_id, from_day, now=now, to_day=to_day)
        return
    enqueue(session, athlete_id, organization_id, from_day, now=now, to_day=to_day)


# The same upsert in SQLite and PostgreSQL dialects, built once (it runs on every check-in).
_ENQUEUE = text(
    "INSERT INTO metric_refresh_jobs "
    "(athlete_id, organization_id, from_day, to_day, enqueued_at, not_before, attempts) "
    "VALUES (:athlete_id, :organization_id, :from_day, :to_day, :now, :now, 0) "
    "ON CONFLICT (athlete_id) DO UPDATE SET from_day = CASE "
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
        },
    )


def process_due(session: Session, *, now: datetime, limit: int) -> list[int]:
    """Refresh up to ``limit`` athletes who have waited longest, together; their ids.

    Each athlete's row lock is taken before the job's, as every write takes it first; an athlete
    whose lock is held (a check-in in flight) is skipped this round rather than waited for, so a
    worker never blocks a request. Run it inside one transaction per call. When the batch's
    refresh raises, ``RefreshFailed`` names its first athlete (alone, that athlete's job).
    """
    candidates = session.scalars(
        select(MetricRefreshJob.athlete_id)
        .where(MetricRefreshJob.not_before <= now)
        .order_by(MetricRefreshJob.enqueued_at)
        .limit(limit + 4)
    ).all()
    # Only as many locks as jobs to take: a lock held elsewhere is skipped, the next one tried.
    locked: list[int] = []
    rest = list(candidates)
    while rest and len(locked) < limit:
        want = limit - len(locked)
        locked += access.lock_athletes(session, rest[:want])
        rest = rest[want:]
    jobs = {
        job.athlete_id: job
        for job in session.scalars(
            select(MetricRefreshJob)
            .where(MetricRefreshJob.athlete_id.in_(locked))
            .with_for_update(skip_locked=True)
        )
    }
    # In queue order; a job another worker took since is gone.
    changes: dict[int, metrics.Change] = {}
    for athlete_id in locked:
        job = jobs.get(athlete_id)
        if job is not None and len(changes) < limit:
            changes[athlete_id] = (job.from_day, job.to_day)
    if changes:
        session.execute(
            delete(MetricRefreshJob).where(MetricRefreshJob.athlete_id.in_(list(changes)))
        )
    if not changes:
        return []
    try:
        metrics.refresh_many(session, changes, now=now)
    except Exception as error:
        raise RefreshFailed(min(changes), error, batch=len(changes)) from error
    return sorted(changes)


def record_failure(session: Session, athlete_id: int, error: str, *, now: datetime) -> None:
    """Keep a failed job with its error; retry after 2^attempts seconds, at most an hour."""
    job = session.get(MetricRefreshJob, athlete_id)
    if job is None:
        return
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


def queue_status(session: Session) -> QueueStatus:
    """How many athletes wait for a refresh, how many of them failed, since when."""
    pending, failing, oldest = session.execute(
        select(
            func.count(),
            func.count(MetricRefreshJob.last_error),
            func.min(MetricRefreshJob.enqueued_at),
        )
    ).one()
    return QueueStatus(int(pending), int(failing), oldest)
