"""An athlete's race goals."""

from __future__ import annotations

from fastapi import APIRouter

from runseason.api.deps import CurrentActor, Db, Now, PathId
from runseason.schemas.plans import GoalCreate, GoalRead
from runseason.services.plans import goals

router = APIRouter(tags=["athletes"])


@router.post("/athletes/{athlete_id}/goals", response_model=GoalRead, status_code=201)
def create_goal(
    athlete_id: PathId, data: GoalCreate, actor: CurrentActor, session: Db, now: Now
) -> GoalRead:
    """Add a race goal."""
    return goals.create_goal(session, actor, athlete_id, data, now=now)


@router.get("/athletes/{athlete_id}/goals", response_model=list[GoalRead])
def list_goals(athlete_id: PathId, actor: CurrentActor, session: Db) -> list[GoalRead]:
    """Race goals by date."""
    return goals.list_goals(session, actor, athlete_id)
