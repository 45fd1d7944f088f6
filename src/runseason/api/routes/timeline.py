"""An athlete's whole story: check-ins, sessions, plan changes, notes, interventions,
recommendations, injuries and illnesses, tasks and marked days."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from runseason.api.deps import CurrentActor, Db, PageNumber, PageSize, PathId
from runseason.api.router import Router
from runseason.schemas.common import Page
from runseason.schemas.timeline import TimelineEntryRead, TimelineKind
from runseason.services.views.timeline import get_timeline

router = Router(tags=["coaching"])


@router.get("/athletes/{athlete_id}/timeline", response_model=Page[TimelineEntryRead])
def timeline(
    athlete_id: PathId,
    actor: CurrentActor,
    session: Db,
    kind: Annotated[
        list[TimelineKind] | None, Query(description="Only these kinds (repeat for several).")
    ] = None,
    page: PageNumber = 1,
    page_size: PageSize = 50,
) -> Page[TimelineEntryRead]:
    """The athlete's whole story newest first, in words, one page at a time."""
    return get_timeline(session, actor, athlete_id, kinds=kind, page=page, page_size=page_size)
