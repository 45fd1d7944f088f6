"""Periodized plans: generation, versions, projection and the coach's edits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, TypeVar

from fastapi import Depends, Response
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from runseason.api.deps import CurrentActor, Db, IfMatch, Now, PathId
from runseason.api.replay import Post
from runseason.api.router import Router
from runseason.errors import InvalidInput
from runseason.schemas.plans import (
    PlanChange,
    PlanCreate,
    PlanRead,
    PlanRegenerate,
    PlanRevisionRead,
    ProjectionDay,
    SessionAdd,
    SessionEdit,
    SessionReplace,
    SessionSwap,
    WeekScale,
)
from runseason.services.identity.access import Actor
from runseason.services.plans import editing, generation

router = Router(tags=["athletes"])
Change = TypeVar("Change", bound=PlanChange)


def _on(data: Change, version: int | None) -> Change:
    """The change with the version its ``If-Match`` header names (the body's field, if alone)."""
    if version is None:
        return data
    if data.plan_version not in {None, version}:
        raise InvalidInput("If-Match and plan_version name different plan versions.")
    return data.model_copy(update={"plan_version": version})


def _tagged(plan: PlanRead, response: Response) -> PlanRead:
    """The plan, with its version as the answer's ETag (for ``If-Match`` on the next change)."""
    response.headers["ETag"] = f'"{plan.version}"'
    return plan


@dataclass(frozen=True, slots=True)
class PlanEdit:
    """What each edit of a plan takes: who, in which transaction, when, the version its
    ``If-Match`` names, and the answer whose ETag gives the new version."""

    session: Session
    actor: Actor
    now: datetime
    response: Response
    version: int | None

    def on(self, data: Change) -> Change:
        return _on(data, self.version)

    def tagged(self, plan: PlanRead) -> PlanRead:
        return _tagged(plan, self.response)


def _edit(
    actor: CurrentActor, session: Db, now: Now, response: Response, version: IfMatch = None
) -> PlanEdit:
    return PlanEdit(session, actor, now, response, version)


Edit = Annotated[PlanEdit, Depends(_edit)]


@router.post("/athletes/{athlete_id}/plans", response_model=PlanRead, status_code=201)
def generate_plan(
    athlete_id: PathId,
    data: PlanCreate,
    post: Post,
) -> JSONResponse:
    """Generate a periodized plan. When the athlete has an active plan the answer is 409 naming
    it, unless the request says ``replace_active: true``: then the active plan is archived (kept
    under the athlete's plans, restorable)."""
    return post.respond(
        data,
        lambda: generation.generate_plan(post.session, post.actor, athlete_id, data, now=post.now),
    )


@router.get("/athletes/{athlete_id}/plan", response_model=PlanRead | None)
def active_plan(athlete_id: PathId, actor: CurrentActor, session: Db) -> PlanRead | None:
    """The active plan, if any."""
    return generation.find_active_plan(session, actor, athlete_id)


@router.get("/plans/{plan_id}", response_model=PlanRead)
def get_plan(plan_id: PathId, actor: CurrentActor, session: Db, response: Response) -> PlanRead:
    """A plan with its weeks and sessions; its ETag is the version a change may name in
    ``If-Match`` (or ``plan_version``) to be refused with 409 if the plan moved on meanwhile."""
    return _tagged(generation.get_plan(session, actor, plan_id), response)


@router.get("/plans/{plan_id}/revisions", response_model=list[PlanRevisionRead])
def plan_revisions(plan_id: PathId, actor: CurrentActor, session: Db) -> list[PlanRevisionRead]:
    """Every version of a plan."""
    return generation.list_revisions(session, actor, plan_id)


@router.get("/plans/{plan_id}/projection", response_model=list[ProjectionDay])
def plan_projection(
    plan_id: PathId, actor: CurrentActor, session: Db, now: Now
) -> list[ProjectionDay]:
    """Fitness projected to race day if the plan is followed."""
    return generation.plan_projection(session, actor, plan_id, now=now)


@router.patch("/planned-sessions/{session_id}", response_model=PlanRead)
def edit_planned_session(session_id: PathId, data: SessionEdit, edit: Edit) -> PlanRead:
    """Move, resize, rename or cancel a planned session (a new plan version)."""
    change = edit.on(data)
    return edit.tagged(
        editing.edit_session(edit.session, edit.actor, session_id, change, now=edit.now)
    )


@router.post("/plans/{plan_id}/sessions", response_model=PlanRead, status_code=201)
def add_planned_session(
    plan_id: PathId,
    data: SessionAdd,
    post: Post,
    version: IfMatch = None,
) -> JSONResponse:
    """Add a session from the library to a day of the plan."""
    change = _on(data, version)
    return post.respond(
        change,
        lambda: editing.add_session(post.session, post.actor, plan_id, change, now=post.now),
    )


@router.post("/planned-sessions/{session_id}/replace", response_model=PlanRead)
def replace_planned_session(session_id: PathId, data: SessionReplace, edit: Edit) -> PlanRead:
    """Put another template in a session's place (same day and duration)."""
    change = edit.on(data)
    return edit.tagged(
        editing.replace_session(edit.session, edit.actor, session_id, change, now=edit.now)
    )


@router.post("/plans/{plan_id}/swap", response_model=PlanRead)
def swap_planned_sessions(plan_id: PathId, data: SessionSwap, edit: Edit) -> PlanRead:
    """Exchange the days of two sessions."""
    change = edit.on(data)
    return edit.tagged(
        editing.swap_sessions(edit.session, edit.actor, plan_id, change, now=edit.now)
    )


@router.post("/plan-weeks/{week_id}/scale", response_model=PlanRead)
def scale_plan_week(week_id: PathId, data: WeekScale, edit: Edit) -> PlanRead:
    """Change a week's volume (the sessions still to come)."""
    change = edit.on(data)
    return edit.tagged(editing.scale_week(edit.session, edit.actor, week_id, change, now=edit.now))


@router.post("/plans/{plan_id}/regenerate", response_model=PlanRead)
def regenerate_plan(plan_id: PathId, data: PlanRegenerate, edit: Edit) -> PlanRead:
    """Rebuild the plan from a date forward, keeping the past."""
    change = edit.on(data)
    return edit.tagged(
        generation.regenerate_from(edit.session, edit.actor, plan_id, change, now=edit.now)
    )
