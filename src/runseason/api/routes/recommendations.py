"""The engine's recommendations: preview a plan change, then decide."""

from __future__ import annotations

from runseason.api.deps import CurrentActor, Db, Now, PathId
from runseason.api.router import Router
from runseason.schemas.coaching import RecommendationDecision, RecommendationRead, SessionChangeRead
from runseason.services import recommendations

router = Router(tags=["coaching"])


@router.get("/recommendations/{recommendation_id}/preview", response_model=list[SessionChangeRead])
def preview_recommendation(
    recommendation_id: PathId, actor: CurrentActor, session: Db
) -> list[SessionChangeRead]:
    """The plan change a recommendation would make, before and after."""
    return recommendations.preview_recommendation(session, actor, recommendation_id)


@router.post("/recommendations/{recommendation_id}/decision", response_model=RecommendationRead)
def decide(
    recommendation_id: PathId,
    data: RecommendationDecision,
    actor: CurrentActor,
    session: Db,
    now: Now,
) -> RecommendationRead:
    """Accept, modify or reject a recommendation."""
    return recommendations.decide_recommendation(session, actor, recommendation_id, data, now=now)


@router.post("/recommendations/{recommendation_id}/undo", response_model=RecommendationRead)
def undo(
    recommendation_id: PathId, actor: CurrentActor, session: Db, now: Now
) -> RecommendationRead:
    """Take back an applied or dismissed recommendation: the plan as it was, open again."""
    return recommendations.undo_decision(session, actor, recommendation_id, now=now)
