"""An athlete's race goals: added, listed, changed and deleted."""

from __future__ import annotations

from fastapi import Response
from fastapi.responses import JSONResponse

from runseason.api.deps import CurrentActor, Db, Now, PathId, Window
from runseason.api.replay import Post
from runseason.api.router import Router
from runseason.schemas.common import Page
from runseason.schemas.plans import GoalCreate, GoalRead, GoalUpdate
from runseason.services.plans import goals

router = Router(tags=["athletes"])


@router.post("/athletes/{athlete_id}/goals", response_model=GoalRead, status_code=201)
def create_goal(
    athlete_id: PathId,
    data: GoalCreate,
    post: Post,
) -> JSONResponse:
    """Add a race goal."""
    return post.respond(
        data,
        lambda: goals.create_goal(post.session, post.actor, athlete_id, data, now=post.now),
    )


@router.get("/athletes/{athlete_id}/goals", response_model=Page[GoalRead])
def list_goals(
    athlete_id: PathId, actor: CurrentActor, session: Db, window: Window
) -> Page[GoalRead]:
    """Race goals by date, a page at a time (``from``/``to``: races on those days)."""
    return goals.list_goals(session, actor, athlete_id, window)


@router.patch("/goals/{goal_id}", response_model=GoalRead)
def update_goal(
    goal_id: PathId, data: GoalUpdate, actor: CurrentActor, session: Db, now: Now
) -> GoalRead:
    """Change a race goal; a plan built for it keeps its link and its race."""
    return goals.update_goal(session, actor, goal_id, data, now=now)


@router.delete("/goals/{goal_id}", status_code=204)
def delete_goal(goal_id: PathId, actor: CurrentActor, session: Db) -> Response:
    """Delete a race goal (refused while the active plan is built for it)."""
    goals.delete_goal(session, actor, goal_id)
    return Response(status_code=204)
