"""Training groups: the organization's named sets of athletes (coaches and admins)."""

from __future__ import annotations

from fastapi import Response
from fastapi.responses import JSONResponse

from runseason.api.deps import CurrentActor, Db, PageNumber, PageSize, PathId
from runseason.api.replay import Post
from runseason.api.router import Router
from runseason.schemas.common import Page
from runseason.schemas.groups import GroupCreate, GroupMembers, GroupRead, GroupRename
from runseason.services import groups

router = Router(tags=["coaching"])


@router.get("/groups", response_model=Page[GroupRead])
def list_groups(
    actor: CurrentActor, session: Db, page: PageNumber = 1, page_size: PageSize = 50
) -> Page[GroupRead]:
    """The organization's training groups by name, each with the athletes in it you see (a
    coach: the athletes they coach)."""
    return groups.list_groups(session, actor, page=page, page_size=page_size)


@router.post("/groups", response_model=GroupRead, status_code=201)
def create_group(data: GroupCreate, post: Post) -> JSONResponse:
    """Make a training group, with the athletes given (a coach: athletes they coach)."""
    return post.respond(data, lambda: groups.create_group(post.session, post.actor, data))


@router.patch("/groups/{group_id}", response_model=GroupRead)
def rename_group(
    group_id: PathId, data: GroupRename, actor: CurrentActor, session: Db
) -> GroupRead:
    """Rename a group (admins, and the coach who made it)."""
    return groups.rename_group(session, actor, group_id, data)


@router.delete("/groups/{group_id}", status_code=204)
def delete_group(group_id: PathId, actor: CurrentActor, session: Db) -> Response:
    """Delete a group; its athletes and their data stay (admins, and the coach who made it)."""
    groups.delete_group(session, actor, group_id)
    return Response(status_code=204)


@router.put("/groups/{group_id}/members", response_model=GroupRead)
def set_group_members(
    group_id: PathId, data: GroupMembers, actor: CurrentActor, session: Db
) -> GroupRead:
    """The athletes you see in the group become exactly those given; athletes in it that you
    do not see (another coach's) stay."""
    return groups.set_group_members(session, actor, group_id, data)
