"""Logged sessions: by hand or from a device file, each with its load and where it came from."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.config import get_settings
from runseason.db.models import Athlete, PlannedSession, TrainingLog
from runseason.domain.dates import local_date
from runseason.domain.load import SessionInputs, session_load
from runseason.domain.plausibility import LoggedValues, implausible_values
from runseason.errors import InvalidInput, PermissionDenied
from runseason.schemas.common import Page
from runseason.schemas.training import TrainingLogCreate, TrainingLogRead, TrainingLogUpdate
from runseason.services.activity_files import TraceFigures, sex_of
from runseason.services.identity.access import Actor, get_athlete, get_owned, use_case
from runseason.services.paging import page_offset
from runseason.services.plans import compliance, zones
from runseason.services.refresh import queue

SPORT_OF_FILE = {
    "running": "run",
    "trail_running": "trail",
    "treadmill": "treadmill",
    "run": "run",
    "cycling": "bike",
    "biking": "bike",
    "swimming": "swim",
    "walking": "walk",
    "hiking": "hike",
    "strength_training": "strength",
    "training": "strength",
    "fitness_equipment": "cross",
    "rowing": "cross",
    "elliptical": "cross",
}


def load_for(
    athlete: Athlete,
    duration_s: float,
    distance_m: float | None,
    rpe: float | None,
    avg_hr: float | None,
    sport: str = "run",
    trace: TraceFigures | None = None,
) -> tuple[float, str, dict[str, float | str]]:
    """The load a session would get for this athlete (the same model ``log_session`` picks);
    with a recorded trace, from the trace."""
    return _load(athlete, duration_s, distance_m, rpe, avg_hr, sport, trace)


def _load(
    athlete: Athlete,
    duration_s: float,
    distance_m: float | None,
    rpe: float | None,
    avg_hr: float | None,
    sport: str,
    trace: TraceFigures | None = None,
) -> tuple[float, str, dict[str, float | str]]:
    result = session_load(
        SessionInputs(
            duration_s=duration_s,
            distance_m=distance_m,
            rpe=rpe,
            avg_hr=avg_hr,
            hr_rest=athlete.hr_rest,
            hr_max=athlete.hr_max,
            lthr=athlete.lthr,
            threshold_pace_s_per_km=athlete.threshold_pace_s_per_km,
            sex=sex_of(athlete),
            sport=sport,
            graded_pace_s_per_km=trace.graded_pace_s_per_km if trace else None,
            moving_time_s=trace.moving_time_s if trace else None,
            trace_trimp=trace.trace_trimp if trace else None,
        )
    )
    return result.value, result.model, dict(result.details)


def check_plausible(
    actor: Actor, athlete: Athlete, values: LoggedValues, confirm: bool
) -> dict[str, str]:
    """Refuse implausible values, naming each field, unless a coach confirms them as real.

    Returns what the load's details record of a confirmation.
    """
    found = implausible_values(values, "mi" if athlete.unit_preference == "mi" else "km")
    if confirm and not actor.is_staff:
        raise PermissionDenied("Only a coach may confirm an unusual value.")
    if not found:
        return {}
    if confirm and all(f.confirmable for f in found):
        return {"unusual_confirmed": ", ".join(sorted({f.field for f in found}))}
    hint = " A coach may confirm it if it is real." if all(f.confirmable for f in found) else ""
    raise InvalidInput(" ".join(f.message for f in found) + hint, detail=[f.field for f in found])


def match_planned(session: Session, athlete_id: int, day: date) -> int | None:
    taken = select(TrainingLog.planned_session_id).where(
        TrainingLog.athlete_id == athlete_id, TrainingLog.planned_session_id.is_not(None)
    )
    return session.scalar(
        select(PlannedSession.id)
        .where(
            PlannedSession.athlete_id == athlete_id,
            PlannedSession.scheduled_date == day,
            PlannedSession.status.not_in(("cancelled", "rest")),
            PlannedSession.category != "rest",
            PlannedSession.id.not_in(taken),
        )
        .order_by(PlannedSession.order_in_day)
        .limit(1)
    )


def check_day(athlete: Athlete, day: date, now: datetime) -> None:
    today = local_date(now, athlete.timezone)
    if day > today:
        raise InvalidInput(f"A session cannot be logged for a future day (today is {today}).")
    years = get_settings().accepted_history_years
    earliest = today.replace(year=today.year - years, day=min(today.day, 28))
    if day < earliest:
        raise InvalidInput(
            f"local_date: sessions more than {years} years old (before {earliest}) are not "
            "accepted."
        )


def _check_start(athlete: Athlete, day: date, started: datetime | None) -> None:
    """A start time must fall on the session's own day, in the athlete's time zone."""
    if started is not None and local_date(started, athlete.timezone) != day:
        raise InvalidInput(
            f"start_time: falls on {local_date(started, athlete.timezone)}, not on the "
            f"session's day {day}."
        )


@use_case("athlete", writes=True)
def log_session(
    session: Session, actor: Actor, athlete_id: int, data: TrainingLogCreate, *, now: datetime
) -> TrainingLogRead:
    """Record a session entered by hand (matched to that day's planned session)."""
    athlete = get_athlete(session, actor, athlete_id, write=True)
    check_day(athlete, data.local_date, now)
    _check_start(athlete, data.local_date, data.start_time)
    values = LoggedValues(data.sport, data.duration_s, data.distance_m, data.avg_hr, data.max_hr)
    confirmed = check_plausible(actor, athlete, values, data.confirm_unusual)
    load, model, details = _load(
        athlete, data.duration_s, data.distance_m, data.rpe, data.avg_hr, data.sport
    )
    started = data.start_time or datetime.combine(
        data.local_date, time(7, 0), ZoneInfo(athlete.timezone)
    )
    pace = data.duration_s / (data.distance_m / 1000) if data.distance_m else None
    row = TrainingLog(
        organization_id=athlete.organization_id,
        athlete_id=athlete.id,
        planned_session_id=match_planned(session, athlete.id, data.local_date),
        started_at=started.astimezone(UTC),
        avg_pace_s_per_km=pace,
        pain_flag=bool(data.pain_severity),
        load=load,
        load_model=model,
        load_details={**details, **confirmed},
        source="manual",
        **data.model_dump(exclude={"start_time", "confirm_unusual"}),
    )
    session.add(row)
    if data.kind in ("race", "time_trial"):
        zones.update_vdot_from_race(
            athlete, data.distance_m, data.duration_s, f"{data.kind} on {data.local_date}"
        )
    session.flush()
    compliance.settle_after_change(session, athlete, [row.planned_session_id], now=now)
    queue.schedule(
        session,
        athlete.id,
        athlete.organization_id,
        data.local_date,
        now=now,
        to_day=data.local_date,
    )
    return TrainingLogRead.model_validate(row)


_REQUIRED = {"duration_s": "Duration", "sport": "Sport", "local_date": "Date"}
_PLAUSIBILITY_FIELDS = frozenset({"sport", "duration_s", "distance_m", "avg_hr", "max_hr"})


@use_case("training_log", writes=True)
def update_log(
    session: Session, actor: Actor, log_id: int, data: TrainingLogUpdate, *, now: datetime
) -> TrainingLogRead:
    """Correct a logged session; its load and the days it was and is on are refreshed."""
    row = get_owned(session, actor, TrainingLog, log_id, write=True)
    athlete = session.get(Athlete, row.athlete_id)
    assert athlete is not None
    old_day = row.local_date
    changes = data.model_dump(exclude_unset=True, exclude={"confirm_unusual"})
    for name, label in _REQUIRED.items():
        if name in changes and changes[name] is None:
            raise InvalidInput(f"{label}: a logged session needs one.")
    if "local_date" in changes:
        check_day(athlete, changes["local_date"], now)
    confirmed = {k: v for k, v in row.load_details.items() if k == "unusual_confirmed"}
    if _PLAUSIBILITY_FIELDS & changes.keys():
        merged = {name: changes.get(name, getattr(row, name)) for name in _PLAUSIBILITY_FIELDS}
        confirmed = check_plausible(actor, athlete, LoggedValues(**merged), data.confirm_unusual)
    for name, value in changes.items():
        setattr(row, name, value)
    matched = row.planned_session_id
    if row.local_date != old_day:  # a log moved to another day answers that day's session
        row.planned_session_id = match_planned(session, athlete.id, row.local_date)
    row.avg_pace_s_per_km = row.duration_s / (row.distance_m / 1000) if row.distance_m else None
    load, row.load_model, details = _load(
        athlete, row.duration_s, row.distance_m, row.rpe, row.avg_hr, row.sport
    )
    row.load, row.load_details = load, {**details, **confirmed}
    session.flush()
    compliance.settle_after_change(session, athlete, [matched, row.planned_session_id], now=now)
    first, last = sorted((old_day, row.local_date))
    queue.schedule(session, athlete.id, athlete.organization_id, first, now=now, to_day=last)
    return TrainingLogRead.model_validate(row)


@use_case("training_log", writes=True)
def delete_log(session: Session, actor: Actor, log_id: int, *, now: datetime) -> None:
    """Remove a logged session; its day is refreshed (the metrics after it follow on read)."""
    row = get_owned(session, actor, TrainingLog, log_id, write=True)
    athlete_id, organization_id, day = row.athlete_id, row.organization_id, row.local_date
    matched = row.planned_session_id
    session.delete(row)
    session.flush()
    athlete = session.get(Athlete, athlete_id)
    assert athlete is not None
    compliance.settle_after_change(session, athlete, [matched], now=now)
    queue.schedule(session, athlete_id, organization_id, day, now=now, to_day=day)


@use_case("athlete")
def list_logs(
    session: Session, actor: Actor, athlete_id: int, *, page: int = 1, page_size: int = 30
) -> Page[TrainingLogRead]:
    """An athlete's logged sessions, newest first."""
    get_athlete(session, actor, athlete_id)
    offset = page_offset(page, page_size)
    total = session.scalar(select(func.count()).where(TrainingLog.athlete_id == athlete_id)) or 0
    rows = session.scalars(
        select(TrainingLog)
        .where(TrainingLog.athlete_id == athlete_id)
        .order_by(TrainingLog.local_date.desc(), TrainingLog.id.desc())
        .offset(offset)
        .limit(page_size)
    )
    items = [TrainingLogRead.model_validate(r) for r in rows]
    return Page[TrainingLogRead](items=items, page=page, page_size=page_size, total=total)
