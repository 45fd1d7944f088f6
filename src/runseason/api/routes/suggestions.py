"""Assisted mode: the athlete's suggestion of the day and their answer."""

from __future__ import annotations

from runseason.api.deps import CurrentActor, Db, Now
from runseason.api.router import Router
from runseason.schemas.coaching import SuggestionAnswer, SuggestionRead
from runseason.services import suggestions

router = Router(tags=["athletes"])


@router.get("/athletes/{athlete_id}/suggestion", response_model=SuggestionRead | None)
def get_suggestion(
    athlete_id: int, actor: CurrentActor, session: Db, now: Now
) -> SuggestionRead | None:
    """Today's suggested plan change for the athlete (assisted mode), with their answer if any."""
    return suggestions.find_suggestion(session, actor, athlete_id, now=now)


@router.post("/suggestions/{recommendation_id}/answer", response_model=SuggestionRead)
def answer_suggestion(
    recommendation_id: int, data: SuggestionAnswer, actor: CurrentActor, session: Db, now: Now
) -> SuggestionRead:
    """The athlete accepts or declines a suggestion; the coach sees the answer."""
    return suggestions.answer_suggestion(session, actor, recommendation_id, data, now=now)
