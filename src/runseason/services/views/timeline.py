"""The athlete's timeline: engine and coach events, newest first, one page at a time."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import TimelineEvent
from runseason.schemas.cases import TimelineEventRead
from runseason.schemas.common import Page
from runseason.services.identity.access import Actor, get_athlete, require_role, use_case
from runseason.services.paging import page_offset


@use_case("athlete")
def get_timeline(
    session: Session, actor: Actor, athlete_id: int, *, page: int = 1, page_size: int = 50
) -> Page[TimelineEventRead]:
    """The athlete's history of engine and coach events, newest first."""
    get_athlete(session, actor, athlete_id)
    require_role(actor, "admin", "coach")
    offset = page_offset(page, page_size)
    where = TimelineEvent.athlete_id == athlete_id
    total = session.scalar(select(func.count()).where(where)) or 0
    rows = session.scalars(
        select(TimelineEvent)
        .where(where)
        .order_by(TimelineEvent.occurred_at.desc(), TimelineEvent.id.desc())
        .offset(offset)
        .limit(page_size)
    )
    items = [TimelineEventRead.model_validate(r) for r in rows]
    return Page[TimelineEventRead](items=items, page=page, page_size=page_size, total=total)
