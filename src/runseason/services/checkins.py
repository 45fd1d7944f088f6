"""The morning check-in: validated, scored, stored, and the athlete's metrics refreshed.

Followed in five files: ``api/routes/checkins.py`` (the route), ``schemas/checkins.py`` (what
comes in and goes out), this module (date, score, one row, the refresh queued),
``domain/readiness.py`` (the score) and ``db/models/checkins.py`` (the rows).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, CheckIn, ReadinessScore
from runseason.db.types import utcnow
from runseason.domain.dates import local_date
from runseason.domain.readiness import CheckInValues, ReadinessParams, readiness
from runseason.errors import InvalidInput
from runseason.schemas.checkins import CheckInCreate, CheckInRead
from runseason.schemas.common import Page
from runseason.services.coaching_settings import (
    athlete_with_settings,
    effective_settings,
    readiness_params,
)
from runseason.services.identity.access import Actor, get_athlete, get_owned, use_case
from runseason.services.paging import page_offset
from runseason.services.refresh import queue

VALUE_FIELDS = (
    "sleep_quality",
    "energy",
    "recovery",
    "stress",
    "mood",
    "sleep_hours",
    "resting_hr",
    "hrv_rmssd",
    "illness",
    "pain_severity",
)


def _values(row: CheckIn | CheckInCreate) -> CheckInValues:
    return CheckInValues(**{name: getattr(row, name) for name in VALUE_FIELDS})


def _target_date(athlete: Athlete, data: CheckInCreate, now: datetime, backdate_days: int) -> date:
    today = local_date(now, athlete.timezone)
    day = data.local_date or today
    if day > today:
        raise InvalidInput(f"A check-in cannot be for a future day (today is {today}).")
    if (today - day).days > backdate_days:
        raise InvalidInput(f"A check-in can be back-dated by at most {backdate_days} days.")
    return day


# Statements built once with bound parameters: SQLAlchemy's statement cache serves every run.
_DAY = (
    select(CheckIn, ReadinessScore)
    .outerjoin(ReadinessScore, ReadinessScore.check_in_id == CheckIn.id)
    .where(CheckIn.athlete_id == bindparam("athlete_id"), CheckIn.local_date == bindparam("day"))
)
_WINDOW = (
    select(CheckIn.local_date, *(getattr(CheckIn, name) for name in VALUE_FIELDS))
    .where(
        CheckIn.athlete_id == bindparam("athlete_id"),
        CheckIn.local_date >= bindparam("first"),
        CheckIn.local_date <= bindparam("day"),
    )
    .order_by(CheckIn.local_date)
)


def _window(
    session: Session, athlete_id: int, day: date, window: int
) -> tuple[list[CheckInValues], bool]:
    """The baseline before ``day`` and whether ``day`` has a check-in stored, in one read."""
    rows = session.execute(
        _WINDOW, {"athlete_id": athlete_id, "first": day - timedelta(days=window), "day": day}
    )
    history, stored = [], False
    for local, *values in rows:
        if local == day:
            stored = True
        else:
            history.append(CheckInValues(**dict(zip(VALUE_FIELDS, values, strict=True))))
    return history, stored


def _history(session: Session, athlete_id: int, day: date, window: int) -> list[CheckInValues]:
    """The values of the ``window`` days before ``day``."""
    return _window(session, athlete_id, day, window)[0]


def _read(row: CheckIn, score: ReadinessScore | None) -> CheckInRead:
    read = CheckInRead.model_validate(row)
    if score is None:
        return read
    return read.model_copy(
        update={
            "readiness_score": score.score,
            "readiness_band": score.band,
            "factors": score.factors,
            "capped_by": score.capped_by,
        }
    )


def _score_of(session: Session, row: CheckIn) -> ReadinessScore | None:
    return session.scalar(select(ReadinessScore).where(ReadinessScore.check_in_id == row.id))


def _new_checkin(athlete: Athlete, day: date) -> CheckIn:
    stamp = utcnow()  # one moment for the new row's creation and last update
    return CheckIn(
        organization_id=athlete.organization_id,
        athlete_id=athlete.id,
        local_date=day,
        created_at=stamp,
        updated_at=stamp,
    )


def _save(
    session: Session,
    row: CheckIn,
    score: ReadinessScore | None,
    data: CheckInCreate,
    history: list[CheckInValues],
    params: ReadinessParams,
) -> ReadinessScore:
    """Write ``data`` into the check-in ``row`` (new or stored) and its readiness into ``score``
    (or a new one): the unit of work writes both, and the audit listener records the check-in."""
    for name, value in data.model_dump(exclude={"local_date"}).items():
        setattr(row, name, value)
    result = readiness(_values(row), history, params)
    if score is None:
        score = ReadinessScore(
            organization_id=row.organization_id,
            athlete_id=row.athlete_id,
            check_in=row,
            local_date=row.local_date,
        )
    session.add_all((row, score))
    score.score, score.band = result.score, result.band
    score.factors = [asdict(f) for f in result.factors]
    score.baseline_used, score.capped_by = result.baseline_used, result.capped_by
    session.flush()
    return score


def score_stored_checkins(session: Session, athlete: Athlete) -> int:
    """Score each of the athlete's check-ins that has no readiness yet, in date order, each
    against the days before it (check-ins brought in whole, e.g. from an export); how many."""
    params = readiness_params(effective_settings(session, athlete.organization_id))
    unscored = session.scalars(
        select(CheckIn)
        .outerjoin(ReadinessScore, ReadinessScore.check_in_id == CheckIn.id)
        .where(CheckIn.athlete_id == athlete.id, ReadinessScore.id.is_(None))
        .order_by(CheckIn.local_date)
    ).all()
    for row in unscored:
        result = readiness(
            _values(row), _history(session, athlete.id, row.local_date, params.history_days), params
        )
        session.add(
            ReadinessScore(
                organization_id=row.organization_id,
                athlete_id=row.athlete_id,
                check_in=row,
                local_date=row.local_date,
                score=result.score,
                band=result.band,
                factors=[asdict(f) for f in result.factors],
                baseline_used=result.baseline_used,
                capped_by=result.capped_by,
            )
        )
    session.flush()
    return len(unscored)


@use_case("athlete", writes=True)
def submit_checkin(
    session: Session, actor: Actor, athlete_id: int, data: CheckInCreate, *, now: datetime
) -> CheckInRead:
    """Store the day's check-in (a second one that day updates it), score it, refresh metrics."""
    athlete, settings = athlete_with_settings(session, actor, athlete_id, write=True)
    day = _target_date(athlete, data, now, settings.checkin_backdate_days)
    params = readiness_params(settings)
    history, stored = _window(session, athlete.id, day, params.history_days)
    if stored:
        row, score = session.execute(_DAY, {"athlete_id": athlete.id, "day": day}).one()
    else:
        row, score = _new_checkin(athlete, day), None
    row.submitted_at = now
    score = _save(session, row, score, data, history, params)
    queue.schedule(session, athlete.id, athlete.organization_id, day, now=now, to_day=day)
    return _read(row, score)


@use_case("checkin", writes=True)
def update_checkin(
    session: Session, actor: Actor, checkin_id: int, data: CheckInCreate, *, now: datetime
) -> CheckInRead:
    """Correct a check-in (its date stays); readiness and metrics follow."""
    row = get_owned(session, actor, CheckIn, checkin_id, write=True)
    params = readiness_params(effective_settings(session, row.organization_id))
    history = _history(session, row.athlete_id, row.local_date, params.history_days)
    score = _save(session, row, _score_of(session, row), data, history, params)
    day = row.local_date
    queue.schedule(session, row.athlete_id, row.organization_id, day, now=now, to_day=day)
    return _read(row, score)


@use_case("checkin")
def get_checkin(session: Session, actor: Actor, checkin_id: int) -> CheckInRead:
    """One check-in with its readiness."""
    row = get_owned(session, actor, CheckIn, checkin_id)
    return _read(row, _score_of(session, row))


@use_case("athlete")
def find_checkin_for_day(
    session: Session, actor: Actor, athlete_id: int, day: date
) -> CheckInRead | None:
    """The check-in of one local day, if any."""
    get_athlete(session, actor, athlete_id)
    found = session.execute(_DAY, {"athlete_id": athlete_id, "day": day}).first()
    return None if found is None else _read(*found)


@use_case("athlete")
def list_checkins(
    session: Session, actor: Actor, athlete_id: int, *, page: int = 1, page_size: int = 30
) -> Page[CheckInRead]:
    """An athlete's check-ins, newest first."""
    get_athlete(session, actor, athlete_id)
    offset = page_offset(page, page_size)
    total = session.scalar(select(func.count()).where(CheckIn.athlete_id == athlete_id)) or 0
    rows = session.execute(
        select(CheckIn, ReadinessScore)
        .outerjoin(ReadinessScore, ReadinessScore.check_in_id == CheckIn.id)
        .where(CheckIn.athlete_id == athlete_id)
        .order_by(CheckIn.local_date.desc())
        .offset(offset)
        .limit(page_size)
    )
    items = [_read(c, s) for c, s in rows]
    return Page[CheckInRead](items=items, page=page, page_size=page_size, total=total)
