"""Today's session briefing, adapted to the morning's check-in, the weather and the altitude."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, CheckIn, PlannedSession, ReadinessScore, SessionTemplate
from runseason.domain.briefing import (
    BriefingAdvice,
    BriefingParams,
    Morning,
    PlannedToday,
    advise,
    library_structure,
)
from runseason.domain.dates import local_date
from runseason.domain.environment import Conditions, EnvironmentAdjustment, environment_adjustment
from runseason.domain.session_shape import Zones
from runseason.domain.units import Unit, format_distance, format_duration
from runseason.schemas.briefing import BriefingRead, TargetRead
from runseason.schemas.checkins import CheckInRead
from runseason.services.coaching_settings import effective_settings
from runseason.services.identity.access import Actor, get_athlete, use_case
from runseason.services.plans.zones import zones_of

# Built once (the briefing answers every check-in): no statement construction per request. The
# planned session as the columns the briefing shows: its whole entity (some thirty columns,
# described by the driver and made into an object) took longer than the rest of the briefing.
_PLANNED = (
    select(
        PlannedSession.id,
        PlannedSession.title,
        PlannedSession.category,
        PlannedSession.is_hard,
        PlannedSession.planned_duration_s,
        PlannedSession.planned_distance_m,
        PlannedSession.template_code,
        SessionTemplate.structure,
    )
    .outerjoin(SessionTemplate, SessionTemplate.id == PlannedSession.template_id)
    .where(
        PlannedSession.athlete_id == bindparam("athlete_id"),
        PlannedSession.scheduled_date == bindparam("day"),
        PlannedSession.status != "cancelled",
        PlannedSession.category != "rest",
    )
    .order_by(PlannedSession.order_in_day)
    .limit(1)
)
_MORNING_FIELDS = (
    "illness",
    "fever",
    "pain_severity",
    "pain_location",
    "pain_alters_gait",
    "temperature_c",
    "dew_point_c",
    "altitude_m",
)
_MORNING = (
    select(
        *(getattr(CheckIn, name) for name in _MORNING_FIELDS),
        ReadinessScore.score,
        ReadinessScore.band,
        ReadinessScore.factors,
    )
    .join(ReadinessScore, ReadinessScore.check_in_id == CheckIn.id)
    .where(CheckIn.athlete_id == bindparam("athlete_id"), CheckIn.local_date == bindparam("day"))
)
# The pain of the two days before today (read only when today has pain).
_EARLIER_PAIN = (
    select(CheckIn.local_date, CheckIn.pain_severity)
    .where(
        CheckIn.athlete_id == bindparam("athlete_id"),
        CheckIn.local_date >= bindparam("first"),
        CheckIn.local_date < bindparam("day"),
    )
    .order_by(CheckIn.local_date)
)


@dataclass(frozen=True, slots=True)
class _Morning:
    """This morning's check-in, as far as the briefing needs it."""

    values: dict[str, Any]
    score: float | None
    band: str | None
    factors: list[dict[str, Any]]


def _morning(
    session: Session, athlete_id: int, today: date, checkin: CheckInRead | None
) -> _Morning | None:
    """The check-in handed over when it is today's, else today's stored one."""
    if checkin is not None and checkin.athlete_id == athlete_id and checkin.local_date == today:
        values = {name: getattr(checkin, name) for name in _MORNING_FIELDS}
        return _Morning(values, checkin.readiness_score, checkin.readiness_band, checkin.factors)
    row = session.execute(_MORNING, {"athlete_id": athlete_id, "day": today}).first()
    if row is None:
        return None
    given = dict(zip(_MORNING_FIELDS, row[: len(_MORNING_FIELDS)], strict=True))
    return _Morning(given, row.score, row.band, row.factors)


def _earlier_pain(session: Session, athlete_id: int, today: date) -> tuple[int | None, ...]:
    """Pain of the two days before ``today``, oldest first (None for a day without check-in)."""
    first = today - timedelta(days=2)
    params = {"athlete_id": athlete_id, "first": first, "day": today}
    pain = dict(session.execute(_EARLIER_PAIN, params).all())
    return tuple(pain.get(first + timedelta(days=i)) for i in range(2))


def _domain_morning(session: Session, athlete_id: int, today: date, m: _Morning) -> Morning:
    pain = m.values["pain_severity"]
    earlier = _earlier_pain(session, athlete_id, today) if pain else ()
    flagged = tuple(f["text"] for f in m.factors if f.get("flag") != "ok")
    return Morning(
        m.band or "amber",
        illness=bool(m.values["illness"]),
        fever=m.values["fever"],
        pain_severity=pain,
        pain_location=m.values["pain_location"],
        pain_alters_gait=m.values["pain_alters_gait"],
        earlier_pain=earlier,
        factors=flagged,
    )


def _conditions(athlete: Athlete, m: _Morning | None) -> EnvironmentAdjustment:
    """Heat from this morning's weather; altitude from the check-in, else the athlete's home."""
    given = m.values if m else {}
    altitude = given.get("altitude_m")
    conditions = Conditions(
        given.get("temperature_c"),
        given.get("dew_point_c"),
        athlete.home_altitude_m if altitude is None else altitude,
    )
    return environment_adjustment(conditions, unit_of(athlete))


def _planned_today(row: Row[Any] | None) -> PlannedToday | None:
    if row is None:
        return None
    structure = row.structure or library_structure(row.template_code)
    return PlannedToday(
        row.title,
        row.category,
        row.is_hard,
        row.planned_duration_s,
        row.planned_distance_m,
        structure,
    )


def unit_of(athlete: Athlete) -> Unit:
    """The athlete's display unit."""
    return "mi" if athlete.unit_preference == "mi" else "km"


# Zones by what they are derived from: deriving Daniels' paces (a bisection per VDOT) on every
# check-in costs more than the rest of the briefing's arithmetic, and few distinct inputs recur.
_ZONES: dict[tuple[Any, ...], Zones] = {}
_ZONES_KEPT = 4096


def athlete_zones(athlete: Athlete) -> Zones:
    """The athlete's pace and heart-rate zones (with the coach's overrides) for the briefing."""
    overrides = tuple(sorted((k, tuple(v)) for k, v in (athlete.zone_overrides or {}).items()))
    key = (athlete.vdot, athlete.lthr, athlete.hr_max, athlete.hr_rest, overrides, unit_of(athlete))
    found = _ZONES.get(key)
    if found is None:
        read = zones_of(athlete)
        found = Zones(
            {z.name: (z.low, z.high) for z in read.pace},
            {z.name: (z.low, z.high) for z in read.heart_rate},
            unit_of(athlete),
        )
        if len(_ZONES) >= _ZONES_KEPT:
            _ZONES.clear()
        _ZONES[key] = found
    return found


def _read(
    athlete: Athlete, today: date, advice: BriefingAdvice, planned: Row[Any] | None, m: Any
) -> BriefingRead:
    unit = unit_of(athlete)
    return BriefingRead(
        athlete_id=athlete.id,
        local_date=today,
        decision=advice.decision,
        decision_label=advice.label,
        title=advice.title,
        reason=advice.reason,
        duration_s=advice.duration_s,
        distance_m=advice.distance_m,
        duration_text=None if advice.duration_s is None else format_duration(advice.duration_s),
        distance_text=None if not advice.distance_m else format_distance(advice.distance_m, unit),
        intensity=advice.intensity,
        planned_title=planned.title if planned else None,
        planned_session_id=planned.id if planned else None,
        readiness_score=m.score if m else None,
        readiness_band=m.band if m else None,
        factors=[f["text"] for f in (m.factors if m else []) if f.get("flag") != "ok"],
        targets=[TargetRead(label=t.label, text=t.text) for t in advice.targets],
        adjustments=list(advice.adjustments),
        unit=unit,
    )


@use_case("athlete")
def get_briefing(
    session: Session,
    actor: Actor,
    athlete_id: int,
    *,
    now: datetime,
    checkin: CheckInRead | None = None,
) -> BriefingRead:
    """What the athlete should do today and why, with targets in their units.

    ``checkin`` is a check-in the caller has just stored and scored: when it is today's, the
    briefing uses it instead of reading it back.
    """
    athlete = get_athlete(session, actor, athlete_id)
    today = local_date(now, athlete.timezone)
    planned = session.execute(_PLANNED, {"athlete_id": athlete.id, "day": today}).first()
    morning = _morning(session, athlete.id, today, checkin)
    r = effective_settings(session, athlete.organization_id).readiness
    params = BriefingParams(r.cap_pain_severity, r.coach_pain_severity, r.clinician_pain_severity)
    advice = advise(
        _planned_today(planned),
        _domain_morning(session, athlete.id, today, morning) if morning else None,
        athlete_zones(athlete),
        _conditions(athlete, morning),
        params,
    )
    return _read(athlete, today, advice, planned, morning)
