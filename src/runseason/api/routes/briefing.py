"""Today's session briefing, adapted to this morning's readiness."""

from __future__ import annotations

from runseason.api.deps import CurrentActor, Db, Now, PathId
from runseason.api.router import Router
from runseason.schemas.briefing import BriefingRead
from runseason.services import briefing

router = Router(tags=["athletes"])


@router.get("/athletes/{athlete_id}/briefing", response_model=BriefingRead)
def get_briefing(athlete_id: PathId, actor: CurrentActor, session: Db, now: Now) -> BriefingRead:
    """Today's session adapted to this morning's readiness."""
    return briefing.get_briefing(session, actor, athlete_id, now=now)
