"""Today's session briefing, adapted to the morning's readiness."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import CheckIn, PlannedSession, ReadinessScore
from runseason.domain.briefing import PlannedToday, advise
from runseason.domain.dates import local_date
from runseason.schemas.briefing import BriefingRead
from runseason.services.access import Actor, get_athlete, use_case
from runseason.services.coaching_settings import effective_settings


@use_case("athlete")
def get_briefing(session: Session, actor: Actor, athlete_id: int, *, now: datetime) -> BriefingRead:
    """What the athlete should do today and why."""
    athlete = get_athlete(session, actor, athlete_id)
    today = local_date(now, athlete.timezone)
    planned = session.scalar(
        select(PlannedSession)
        .where(
            PlannedSession.athlete_id == athlete.id,
            PlannedSession.scheduled_date == today,
            PlannedSession.status != "cancelled",
            PlannedSession.category != "rest",
        )
        .order_by(PlannedSession.order_in_day)
        .limit(1)
    )
    row = session.execute(
        select(CheckIn, ReadinessScore)
        .join(ReadinessScore, ReadinessScore.check_in_id == CheckIn.id)
        .where(CheckIn.athlete_id == athlete.id, CheckIn.local_date == today)
    ).first()
    checkin, score = (row[0], row[1]) if row else (None, None)
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
        score.band if score else None,
        illness=bool(checkin and checkin.illness),
        pain_severity=checkin.pain_severity if checkin else None,
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
        readiness_score=score.score if score else None,
        readiness_band=score.band if score else None,
        factors=[f["text"] for f in (score.factors if score else []) if f.get("flag") != "ok"][:4],
        targets=dict(planned.targets) if planned else {},
        unit=athlete.unit_preference,
    )
