"""The morning check-in: validated, scored, stored, and the athlete's metrics refreshed."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, cast

from sqlalchemy import Select, String, Table, bindparam, func, insert, null, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session

from runseason.db import audit
from runseason.db.models import Athlete, AuditLog, CheckIn, ReadinessScore
from runseason.db.types import utcnow
from runseason.domain.dates import local_date
from runseason.domain.readiness import CheckInValues, Readiness, readiness
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


# Built once: a check-in runs these on every submission, and a prebuilt statement skips the
# construction and cache-key work of a new ``select`` (about a tenth of the request's time).
_DAY = (
    select(CheckIn, ReadinessScore)
    .outerjoin(ReadinessScore, ReadinessScore.check_in_id == CheckIn.id)
    .where(CheckIn.athlete_id == bindparam("athlete_id"), CheckIn.local_date == bindparam("day"))
)


# The baseline days and the day itself in one read: whether the day has its check-in already
# (then ``_DAY`` reads it whole) and the values the readiness compares it with.
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
    """``_history`` of ``day``, and whether ``day`` has a check-in stored: one statement."""
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
    """The values of the ``window`` days before ``day`` (plain rows: only their numbers count)."""
    return _window(session, athlete_id, day, window)[0]


def _read(row: CheckIn, score: ReadinessScore | Readiness | None) -> CheckInRead:
    read = CheckInRead.model_validate(row)
    if score is None:
        return read
    factors = score.factors
    return read.model_copy(
        update={
            "readiness_score": score.score,
            "readiness_band": score.band,
            "factors": [asdict(f) for f in factors] if isinstance(score, Readiness) else factors,
            "capped_by": score.capped_by,
        }
    )


# A new check-in's readiness: one INSERT, without a pass of the unit of work (scores are not
# audited and nothing in the request reads the row back as an object).
_NEW_SCORE = insert(cast(Table, ReadinessScore.__table__))


def _new_score(
    organization_id: int, athlete_id: int, day: date, result: Readiness
) -> dict[str, Any]:
    """The values of a new ``readiness_scores`` row for ``result`` (its check-in's id apart)."""
    return {
        "organization_id": organization_id,
        "athlete_id": athlete_id,
        "local_date": day,
        "score": result.score,
        "band": result.band,
        "factors": [asdict(f) for f in result.factors],
        "baseline_used": result.baseline_used,
        "capped_by": result.capped_by,
    }


def _store_score(
    session: Session, row: CheckIn, result: Readiness, score: ReadinessScore | None
) -> ReadinessScore | Readiness:
    """Write the readiness of ``row`` into its stored ``score``, or a new row when it has none."""
    if score is None:
        values = _new_score(row.organization_id, row.athlete_id, row.local_date, result)
        session.execute(_NEW_SCORE, {**values, "check_in_id": row.id})
        return result
    score.score, score.band = result.score, result.band
    score.factors = [asdict(f) for f in result.factors]
    score.baseline_used, score.capped_by = result.baseline_used, result.capped_by
    session.flush()
    return score


def _score_of(session: Session, row: CheckIn) -> ReadinessScore | None:
    return session.scalar(select(ReadinessScore).where(ReadinessScore.check_in_id == row.id))


@use_case("athlete", writes=True)
def submit_checkin(
    session: Session, actor: Actor, athlete_id: int, data: CheckInCreate, *, now: datetime
) -> CheckInRead:
    """Store today's (or a recent day's) check-in, score its readiness and refresh metrics.

    One check-in per athlete and local date: submitting again the same day updates that one (the
    audit trail keeps what it said before), it never adds a second.
    """
    athlete, settings = athlete_with_settings(session, actor, athlete_id, write=True)
    day = _target_date(athlete, data, now, settings.checkin_backdate_days)
    window = readiness_params(settings).history_days
    history, stored = _window(session, athlete.id, day, window)
    if stored:  # the day has its check-in: update it (read whole only now; a new one is usual)
        found = session.execute(_DAY, {"athlete_id": athlete.id, "day": day}).one()
        existing, score = found
        for name, value in data.model_dump(exclude={"local_date"}).items():
            setattr(existing, name, value)
        existing.submitted_at = now
        session.flush()
        return _score_and_refresh(session, athlete, existing, now, score, history)
    result = readiness(_values(data), history, readiness_params(settings))
    row = _insert(session, athlete, day, data, now, result)
    queue.schedule(session, athlete.id, athlete.organization_id, day, now=now, to_day=day)
    return _read(row, result)


# A new check-in: its row, audit row and readiness written without a pass of the unit of work
# (the flush of the one new row and the audit listener's read of it took a quarter of a
# check-in's service time). On PostgreSQL the three are one statement: the audit row and the score
# take the new row's id from the check-in's INSERT ... RETURNING (data-modifying WITH), where
# each was a round trip of its own.
_CHECKIN_TABLE = cast(Table, CheckIn.__table__)
_SCORE_TABLE = cast(Table, ReadinessScore.__table__)
_NEW_CHECKIN = insert(_CHECKIN_TABLE).returning(CheckIn.id)
_NEW_SCORE_COLUMNS: tuple[str, ...] = (
    "organization_id",
    "athlete_id",
    "local_date",
    "score",
    "band",
    "factors",
    "baseline_used",
    "capped_by",
    "computed_at",
)


@cache
def _new_checkin_with_score() -> Select[Any]:
    """PostgreSQL: the check-in, its audit row and its score in one statement."""
    audit_table = cast(Table, AuditLog.__table__)
    columns = [c.name for c in _CHECKIN_TABLE.c if c.name != "id"]
    new = (
        insert(_CHECKIN_TABLE)
        .values(
            {name: bindparam(f"c_{name}", type_=_CHECKIN_TABLE.c[name].type) for name in columns}
        )
        .returning(_CHECKIN_TABLE.c.id)
        .cte("new_check_in")
    )
    entry = ("organization_id", "actor_user_id", "request_id", "occurred_at", "entity", "action")
    logged = select(
        *(bindparam(f"a_{name}", type_=audit_table.c[name].type) for name in entry),
        sql_cast(new.c.id, String),
        bindparam("a_changes", type_=audit_table.c.changes.type).op("||")(
            func.jsonb_build_object("id", func.jsonb_build_array(null(), new.c.id))
        ),
    ).select_from(new)
    scored = select(
        *(bindparam(f"s_{name}", type_=_SCORE_TABLE.c[name].type) for name in _NEW_SCORE_COLUMNS),
        new.c.id,
    ).select_from(new)
    return (
        select(new.c.id)
        .add_cte(
            insert(audit_table)
            .from_select([*entry, "entity_id", "changes"], logged)
            .cte("new_audit_entry")
        )
        .add_cte(
            insert(_SCORE_TABLE)
            .from_select([*_NEW_SCORE_COLUMNS, "check_in_id"], scored)
            .cte("new_score")
        )
    )


def _insert(
    session: Session,
    athlete: Athlete,
    day: date,
    data: CheckInCreate,
    now: datetime,
    result: Readiness,
) -> CheckIn:
    """Store a new check-in with its audit row and readiness; the stored values as a transient
    object (not in the session)."""
    stamp = utcnow()
    values: dict[str, Any] = {
        "organization_id": athlete.organization_id,
        "athlete_id": athlete.id,
        "local_date": day,
        "submitted_at": now,
        "created_at": stamp,
        "updated_at": stamp,
        **data.model_dump(exclude={"local_date"}),
    }
    score = {**_new_score(athlete.organization_id, athlete.id, day, result), "computed_at": stamp}
    if session.connection().dialect.name == "postgresql":
        entry = audit.insert_entry(session, CheckIn, values)
        params = {f"c_{name}": value for name, value in values.items()}
        params.update({f"a_{name}": value for name, value in entry.items()})
        params.update({f"s_{name}": value for name, value in score.items()})
        values["id"] = session.execute(_new_checkin_with_score(), params).scalar_one()
        return CheckIn(**values)
    values["id"] = session.execute(_NEW_CHECKIN, values).scalar_one()
    audit.record_insert(session, CheckIn, values)
    session.execute(_NEW_SCORE, {**score, "check_in_id": values["id"]})
    return CheckIn(**values)


def _score_and_refresh(
    session: Session,
    athlete: Athlete,
    row: CheckIn,
    now: datetime,
    score: ReadinessScore | None,
    history: list[CheckInValues] | None = None,
) -> CheckInRead:
    params = readiness_params(effective_settings(session, athlete.organization_id))
    if history is None:
        history = _history(session, athlete.id, row.local_date, params.history_days)
    stored = _store_score(session, row, readiness(_values(row), history, params), score)
    day = row.local_date
    queue.schedule(session, athlete.id, athlete.organization_id, day, now=now, to_day=day)
    return _read(row, stored)


@use_case("checkin", writes=True)
def update_checkin(
    session: Session, actor: Actor, checkin_id: int, data: CheckInCreate, *, now: datetime
) -> CheckInRead:
    """Correct a check-in (its date stays); readiness and metrics follow."""
    row = get_owned(session, actor, CheckIn, checkin_id, write=True)
    for name, value in data.model_dump(exclude={"local_date"}).items():
        setattr(row, name, value)
    session.flush()
    athlete = session.get(Athlete, row.athlete_id)
    assert athlete is not None
    return _score_and_refresh(session, athlete, row, now, _score_of(session, row))


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
