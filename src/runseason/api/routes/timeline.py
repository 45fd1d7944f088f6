"""An athlete's timeline of engine and coach events."""

from __future__ import annotations

from fastapi import APIRouter

from runseason.api.deps import CurrentActor, Db, PageNumber, PageSize, PathId
from runseason.schemas.cases import TimelineEventRead
from runseason.schemas.common import Page
from runseason.services.views.timeline import get_timeline

router = APIRouter(tags=["coaching"])


@router.get("/athletes/{athlete_id}/timeline", response_model=Page[TimelineEventRead])
def timeline(
    athlete_id: PathId,
    actor: CurrentActor,
    session: Db,
    page: PageNumber = 1,
    page_size: PageSize = 50,
) -> Page[TimelineEventRead]:
    """The athlete's history of engine and coach events."""
    return get_timeline(session, actor, athlete_id, page=page, page_size=page_size)
