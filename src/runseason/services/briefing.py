"""Today's session briefing, adapted to the morning's readiness."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from runseason.db.models import CheckIn, PlannedSession, ReadinessScore
from runseason.domain.briefing import PlannedToday, advise
from runseason.domain.dates import local_date
from runseason.schemas.briefing import BriefingRead
from runseason.schemas.checkins import CheckInRead
from runseason.services.coaching_settings import effective_settings
from runseason.services.identity.access import Actor, get_athlete, use_case

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
        PlannedSession.targets,
    )
    .where(
        PlannedSession.athlete_id == bindparam("athlete_id"),
        PlannedSession.scheduled_date == bindparam("day"),
        PlannedSession.status != "cancelled",
        PlannedSession.category != "rest",
    )
    .order_by(PlannedSession.order_in_day)
    .limit(1)
)
_MORNING = (
    select(
        CheckIn.illness,
        CheckIn.pain_severity,
        ReadinessScore.score,
        ReadinessScore.band,
        ReadinessScore.factors,
    )
    .join(ReadinessScore, ReadinessScore.check_in_id == CheckIn.id)
    .where(CheckIn.athlete_id == bindparam("athlete_id"), CheckIn.local_date == bindparam("day"))
)


@dataclass(frozen=True, slots=True)
class _Morning:
    """This morning's check-in, as far as the briefing needs it."""

    illness: bool
    pain_severity: int | None
    score: float | None
    band: str | None
    factors: list[dict[str, Any]]


@use_case("athlete")
def get_briefing(
    session: Session,
    actor: Actor,
    athlete_id: int,
    *,
    now: datetime,
    checkin: CheckInRead | None = None,
) -> BriefingRead:
    """What the athlete should do today and why.

    ``checkin`` is a check-in the caller has just stored and scored: when it is today's, the
    briefing uses it instead of reading it back.
    """
    athlete = get_athlete(session, actor, athlete_id)
    today = local_date(now, athlete.timezone)
    planned = session.execute(_PLANNED, {"athlete_id": athlete.id, "day": today}).first()
    morning: _Morning | None
    if checkin is not None and checkin.athlete_id == athlete.id and checkin.local_date == today:
        morning = _Morning(
            checkin.illness,
            checkin.pain_severity,
            checkin.readiness_score,
            checkin.readiness_band,
            checkin.factors,
        )
    else:
        row = session.execute(_MORNING, {"athlete_id": athlete.id, "day": today}).first()
        morning = _Morning(*row) if row else None
    pain_threshold = effective_settings(
        session, athlete.organization_id
    ).readiness.cap_pain_severity
    today_plan = (
        PlannedToday(
            planned.title,
            planned.category,
            planned.is_hard,
            planned.planned_duration_s,
            planned.planned_distance_m,
        )
        if planned
        else None
    )
    advice = advise(
        today_plan,
        morning.band if morning else None,
        illness=bool(morning and morning.illness),
        pain_severity=morning.pain_severity if morning else None,
        pain_threshold=pain_threshold,
    )
    return BriefingRead(
        athlete_id=athlete.id,
        local_date=today,
        decision=advice.decision,
        title=advice.title,
        reason=advice.reason,
        duration_s=advice.duration_s,
        distance_m=advice.distance_m,
        intensity=advice.intensity,
        planned_title=planned.title if planned else None,
        planned_session_id=planned.id if planned else None,
        readiness_score=morning.score if morning else None,
        readiness_band=morning.band if morning else None,
        factors=[f["text"] for f in (morning.factors if morning else []) if f.get("flag") != "ok"][
            :4
        ],
        targets=dict(planned.targets) if planned else {},
        unit=athlete.unit_preference,
    )
