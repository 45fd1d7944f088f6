"""Assisted mode: the athlete sees the engine's suggested plan change, accepts or declines it, and
the coach reads the answer on the recommendation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import Recommendation
from runseason.domain.dates import local_date
from runseason.domain.risk import reaches
from runseason.errors import Conflict
from runseason.schemas.coaching import SuggestionAnswer, SuggestionRead
from runseason.services import case_events, recommendations
from runseason.services.coaching_settings import effective_settings
from runseason.services.identity.access import (
    Actor,
    get_athlete,
    get_owned,
    require_role,
    use_case,
)

ASK_ATHLETE = "ask_athlete"


def _read(rec: Recommendation) -> SuggestionRead:
    return SuggestionRead(
        id=rec.id,
        local_date=rec.local_date,
        title=rec.title,
        rationale=rec.rationale,
        answer=rec.athlete_answer,
        answered_at=rec.athlete_answered_at,
    )


@use_case("athlete")
def find_suggestion(
    session: Session, actor: Actor, athlete_id: int, *, now: datetime
) -> SuggestionRead | None:
    """Today's suggestion for the athlete (answered or not), if the engine made one."""
    athlete = get_athlete(session, actor, athlete_id)
    rec = session.scalar(
        select(Recommendation)
        .where(
            Recommendation.athlete_id == athlete.id,
            Recommendation.local_date == local_date(now, athlete.timezone),
            Recommendation.decision == ASK_ATHLETE,
            Recommendation.status != "superseded",
        )
        .order_by(Recommendation.id.desc())
        .limit(1)
    )
    return _read(rec) if rec is not None else None


@use_case("recommendation", writes=True)
def answer_suggestion(
    session: Session, actor: Actor, recommendation_id: int, data: SuggestionAnswer, *, now: datetime
) -> SuggestionRead:
    """The athlete accepts (the plan changes) or declines a suggestion; the coach sees which."""
    rec = get_owned(session, actor, Recommendation, recommendation_id, write=True)
    require_role(actor, "athlete")
    if rec.decision != ASK_ATHLETE:
        raise Conflict("This recommendation is your coach's to decide.")
    if rec.athlete_answer is not None or rec.status != "open":
        raise Conflict("This suggestion has already been answered.")
    guardrail = effective_settings(session, rec.organization_id).risk.guardrail
    if reaches(rec.risk, guardrail):
        raise Conflict("This change needs your coach: ask them first.")
    if data.answer == "accept":
        recommendations.apply_action(
            session, rec, rec.proposed_action, actor_id=actor.user_id, now=now
        )
    rec.status = "applied" if data.answer == "accept" else "dismissed"
    rec.athlete_answer = "accepted" if data.answer == "accept" else "declined"
    rec.athlete_answered_at = rec.decided_at = now
    case_events.record_event(
        session,
        organization_id=rec.organization_id,
        athlete_id=rec.athlete_id,
        kind=f"suggestion_{rec.athlete_answer}",
        title=f"The athlete {rec.athlete_answer} the suggestion: {rec.title}",
        now=now,
        ref_type="recommendation",
        ref_id=rec.id,
        actor_id=actor.user_id,
    )
    session.flush()
    return _read(rec)
