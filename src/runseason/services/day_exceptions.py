"""Days an athlete was sick, travelling or injured: marked by the athlete or the coach, they leave
the adherence count and show on the calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, AvailabilityException
from runseason.domain.dates import local_date
from runseason.errors import Conflict, InvalidInput
from runseason.schemas.training import DayExceptionCreate, DayExceptionRead
from runseason.services.identity.access import Actor, get_athlete, get_owned, use_case
from runseason.services.plans import compliance
from runseason.services.refresh import queue

# Days are marked when they happen or shortly after; travel may be marked ahead.
MARK_BACK_DAYS, MARK_AHEAD_DAYS = 365, 90
KIND_WORDS = {"sick": "sick", "travelling": "travelling", "injured": "injured"}


def overlapping(
    session: Session, athlete_id: int, first: date, last: date
) -> list[AvailabilityException]:
    """The athlete's marked days that touch ``first``..``last``, in date order."""
    return list(
        session.scalars(
            select(AvailabilityException)
            .where(
                AvailabilityException.athlete_id == athlete_id,
                AvailabilityException.start_date <= last,
                AvailabilityException.end_date >= first,
            )
            .order_by(AvailabilityException.start_date, AvailabilityException.id)
        )
    )


def excused_days(exceptions: list[AvailabilityException]) -> dict[date, str]:
    """Each marked day and why."""
    days: dict[date, str] = {}
    for e in exceptions:
        for offset in range((e.end_date - e.start_date).days + 1):
            days.setdefault(e.start_date + timedelta(days=offset), e.kind)
    return days


def _check_window(athlete: Athlete, first: date, last: date, now: datetime) -> None:
    today = local_date(now, athlete.timezone)
    if first < today - timedelta(days=MARK_BACK_DAYS):
        raise InvalidInput(f"Start date: days can be marked up to a year back (today is {today}).")
    if last > today + timedelta(days=MARK_AHEAD_DAYS):
        raise InvalidInput(
            f"End date: days can be marked up to {MARK_AHEAD_DAYS} days ahead (today is {today})."
        )


@use_case("athlete", writes=True)
def mark_days(
    session: Session, actor: Actor, athlete_id: int, data: DayExceptionCreate, *, now: datetime
) -> DayExceptionRead:
    """Mark days sick, travelling or injured (refused where days are already marked)."""
    athlete = get_athlete(session, actor, athlete_id, write=True)
    first, last = data.start_date, data.end_date or data.start_date
    _check_window(athlete, first, last, now)
    clash = overlapping(session, athlete.id, first, last)
    if clash:
        c = clash[0]
        raise Conflict(
            f"Days from {c.start_date} to {c.end_date} are already marked "
            f"{KIND_WORDS.get(c.kind, c.kind)}; remove them first.",
            detail=c.id,
        )
    row = AvailabilityException(
        organization_id=athlete.organization_id,
        athlete_id=athlete.id,
        kind=data.kind,
        start_date=first,
        end_date=last,
        note=data.note,
        created_at=now,
    )
    session.add(row)
    session.flush()
    _refresh(session, athlete, first, last, now)
    return DayExceptionRead.model_validate(row)


@use_case("availability_exception", writes=True)
def remove_days(
    session: Session, actor: Actor, exception_id: int, *, now: datetime
) -> DayExceptionRead:
    """Remove marked days (they count toward adherence again); returns what was removed."""
    row = get_owned(session, actor, AvailabilityException, exception_id, write=True)
    athlete = session.get(Athlete, row.athlete_id)
    assert athlete is not None
    removed = DayExceptionRead.model_validate(row)
    session.delete(row)
    session.flush()
    _refresh(session, athlete, removed.start_date, removed.end_date, now)
    return removed


@use_case("athlete")
def list_marked_days(
    session: Session, actor: Actor, athlete_id: int, *, now: datetime, days: int = 120
) -> list[DayExceptionRead]:
    """Marked days of the last ``days`` days and those ahead, newest first."""
    if not 1 <= days <= 1100:
        raise InvalidInput("days must be between 1 and 1100")
    athlete = get_athlete(session, actor, athlete_id)
    today = local_date(now, athlete.timezone)
    rows = overlapping(
        session, athlete.id, today - timedelta(days=days), today + timedelta(days=MARK_AHEAD_DAYS)
    )
    return [DayExceptionRead.model_validate(r) for r in reversed(rows)]


def _refresh(session: Session, athlete: Athlete, first: date, last: date, now: datetime) -> None:
    """The days' adherence and the week after them feed the caseload summary: refresh them."""
    today = local_date(now, athlete.timezone)
    compliance.settle_days(session, athlete, first, last, now=now)
    if first <= today:
        end = min(last, today)
        queue.schedule(session, athlete.id, athlete.organization_id, first, now=now, to_day=end)
