"""The nightly rollover: athletes who wrote nothing today still get today's figures.

A refresh follows an athlete's own writes. An athlete who neither checks in nor logs would keep
yesterday's snapshot (yesterday's form, no "silence" yet) until their next write; the rollover
schedules a refresh of the days since their snapshot for every active athlete whose snapshot is
older than their own today (in their time zone). It is the scheduler's job
``metrics.rollover``: run again, in another process or after downtime, it finds those athletes
already waiting in the queue or already rolled over, so each is refreshed once a day.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from runseason.db.models import Athlete, AthleteSnapshot, MetricRefreshJob
from runseason.db.session import session_scope
from runseason.domain.dates import local_date
from runseason.services.refresh import queue

CHUNK = 100  # athletes scheduled per transaction

_STALE_CANDIDATES = (
    select(Athlete.id, Athlete.organization_id, Athlete.timezone, AthleteSnapshot.as_of)
    .outerjoin(AthleteSnapshot, AthleteSnapshot.athlete_id == Athlete.id)
    .outerjoin(MetricRefreshJob, MetricRefreshJob.athlete_id == Athlete.id)
    .where(Athlete.is_active.is_(True), MetricRefreshJob.athlete_id.is_(None))
    .order_by(Athlete.id)
)


def roll_over_quiet_athletes(*, now: datetime) -> int:
    """Schedule a refresh for each athlete whose snapshot is from before their today; how many."""
    with session_scope(readonly=True) as session:
        due = []
        for row in session.execute(_STALE_CANDIDATES):
            today = local_date(now, row.timezone)
            if row.as_of is None or row.as_of < today:
                first = today if row.as_of is None else min(row.as_of + timedelta(days=1), today)
                due.append((row.id, row.organization_id, first))
    for begin in range(0, len(due), CHUNK):
        with session_scope() as session:
            for athlete_id, organization_id, first in due[begin : begin + CHUNK]:
                queue.schedule(session, athlete_id, organization_id, first, now=now)
    return len(due)
