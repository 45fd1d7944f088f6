"""Planned sessions marked from what was logged: completed, partial or missed.

A log is matched to its day's planned session when it is written (``services/training``); the
session's stored status then follows the matched logs (``settle_sessions``), and the sessions of
past days nobody logged become missed (``settle_past``), unless the day is marked sick, travelling
or injured. The coach's own statuses (cancelled, skipped) are never overwritten.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, AvailabilityException, PlannedSession, TrainingLog
from runseason.db.session import session_scope
from runseason.domain.adherence import (
    DoneValues,
    PlannedValues,
    compliance_status,
    session_adherence,
)
from runseason.domain.dates import local_date

CHUNK = 100  # athletes settled per transaction by the scheduler's job
# Statuses the logs decide; the others are the coach's.
SETTLED = ("planned", "completed", "partial", "missed")


def _done(session: Session, planned_ids: Collection[int]) -> dict[int, DoneValues]:
    """What was logged for each planned session (several logs for one session add up)."""
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    rows = session.execute(
        select(
            TrainingLog.planned_session_id,
            TrainingLog.duration_s,
            TrainingLog.distance_m,
            TrainingLog.load,
        ).where(TrainingLog.planned_session_id.in_(list(planned_ids)))
    )
    for planned_id, duration, distance, load in rows:
        if planned_id is None:
            continue
        total = sums[planned_id]
        total[0] += duration
        total[1] += distance or 0.0
        total[2] += load
    return {
        planned_id: DoneValues(duration_s=t[0], distance_m=t[1] or None, load=t[2])
        for planned_id, t in sums.items()
    }


def _status(row: PlannedSession, done: DoneValues | None, today: date) -> str:
    if done is None:
        return "missed" if row.scheduled_date < today else "planned"
    planned = PlannedValues(
        duration_s=row.planned_duration_s, distance_m=row.planned_distance_m, load=row.planned_load
    )
    return compliance_status(session_adherence(planned, done))


def _excused(session: Session, rows: Iterable[PlannedSession]) -> set[int]:
    """The ids of sessions whose day is marked sick, travelling or injured."""
    return set(
        session.scalars(
            select(PlannedSession.id).where(
                PlannedSession.id.in_([r.id for r in rows]),
                AvailabilityException.covers(
                    PlannedSession.athlete_id, PlannedSession.scheduled_date
                ),
            )
        )
    )


def _apply(session: Session, rows: list[PlannedSession], today: date) -> int:
    """Set each row's status from its matched logs; how many changed."""
    if not rows:
        return 0
    done = _done(session, [r.id for r in rows])
    excused = _excused(session, [r for r in rows if r.id not in done])
    changed = 0
    for row in rows:
        status = _status(row, done.get(row.id), today)
        if status == "missed" and row.id in excused:
            status = "planned"  # an excused day is neither done nor missed
        if row.status != status:
            row.status = status
            changed += 1
    session.flush()
    return changed


def settle_sessions(session: Session, planned_ids: Iterable[int | None], *, today: date) -> int:
    """Mark the given planned sessions from their matched logs; how many changed."""
    ids = {i for i in planned_ids if i is not None}
    if not ids:
        return 0
    rows = session.scalars(
        select(PlannedSession).where(PlannedSession.id.in_(ids), PlannedSession.status.in_(SETTLED))
    ).all()
    return _apply(session, list(rows), today)


def settle_past(session: Session, athlete_id: int, *, today: date) -> int:
    """Mark the athlete's past sessions still shown as planned: missed, or done if a log matched."""
    rows = session.scalars(
        select(PlannedSession).where(
            PlannedSession.athlete_id == athlete_id,
            PlannedSession.scheduled_date < today,
            PlannedSession.status == "planned",
            PlannedSession.category != "rest",
        )
    ).all()
    return _apply(session, list(rows), today)


def settle_days(
    session: Session, athlete: Athlete, first: date, last: date, *, now: datetime
) -> int:
    """Settle the athlete's sessions from ``first`` to ``last`` again (days marked or unmarked
    sick, travelling or injured); how many changed."""
    today = local_date(now, athlete.timezone)
    rows = session.scalars(
        select(PlannedSession).where(
            PlannedSession.athlete_id == athlete.id,
            PlannedSession.scheduled_date.between(first, min(last, today)),
            PlannedSession.status.in_(SETTLED),
            PlannedSession.category != "rest",
        )
    ).all()
    return _apply(session, list(rows), today)


def settle_athletes(session: Session, athlete_today: dict[int, date]) -> int:
    """Settle every session up to each athlete's today (after a bulk load, e.g. the demo)."""
    changed = 0
    for athlete_id, today in athlete_today.items():
        rows = session.scalars(
            select(PlannedSession).where(
                PlannedSession.athlete_id == athlete_id,
                PlannedSession.scheduled_date <= today,
                PlannedSession.status.in_(SETTLED),
                PlannedSession.category != "rest",
            )
        ).all()
        changed += _apply(session, list(rows), today)
    return changed


def settle_after_change(
    session: Session, athlete: Athlete, planned_ids: Iterable[int | None], *, now: datetime
) -> None:
    """After a log or plan change: the sessions it touched, then the athlete's past days."""
    today = local_date(now, athlete.timezone)
    settle_sessions(session, planned_ids, today=today)
    settle_past(session, athlete.id, today=today)


_WAITING = (
    select(Athlete.id, Athlete.timezone)
    .where(
        Athlete.is_active.is_(True),
        select(PlannedSession.id)
        .where(
            PlannedSession.athlete_id == Athlete.id,
            PlannedSession.status == "planned",
            PlannedSession.scheduled_date < bindparam("tomorrow"),
            PlannedSession.category != "rest",
        )
        .exists(),
    )
    .order_by(Athlete.id)
)


def settle_missed_sessions(*, now: datetime) -> int:
    """The scheduler's ``plans.missed``: every athlete's past days nobody logged become missed,
    also for athletes who write nothing; how many sessions changed. Run again, it finds none."""
    # A day past in the latest time zone (UTC-12) is past everywhere else too.
    tomorrow = now.date() + timedelta(days=1)
    with session_scope(readonly=True) as session:
        waiting: list[tuple[int, str]] = [
            (r.id, r.timezone) for r in session.execute(_WAITING, {"tomorrow": tomorrow})
        ]
    changed = 0
    for begin in range(0, len(waiting), CHUNK):
        with session_scope() as session:
            for athlete_id, timezone in waiting[begin : begin + CHUNK]:
                today = local_date(now, timezone)
                changed += settle_past(session, athlete_id, today=today)
    return changed
