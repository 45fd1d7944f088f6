"""Training groups: an organization's named sets of athletes, to look at a squad as a whole.

Every coach and admin of the organization sees its groups; each sees in them only the athletes
they may see (a coach: the athletes they coach). An admin renames or deletes any group, a coach
the groups they made; anyone of the staff puts the athletes they see into a group or takes them
out, and the members they do not see stay as they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, GroupMember, TrainingGroup
from runseason.errors import Conflict, NotFound, PermissionDenied
from runseason.schemas.common import Page
from runseason.schemas.groups import GroupCreate, GroupMembers, GroupRead, GroupRename
from runseason.services.identity.access import (
    Actor,
    athlete_filter,
    require_role,
    require_write,
    use_case,
)
from runseason.services.paging import page_offset


def list_groups(
    session: Session, actor: Actor, *, page: int = 1, page_size: int = 50
) -> Page[GroupRead]:
    """The organization's groups by name, each with the athletes in it that the actor sees."""
    require_role(actor, "admin", "coach")
    offset = page_offset(page, page_size)
    mine = select(TrainingGroup).where(TrainingGroup.organization_id == actor.organization_id)
    total = session.scalar(select(func.count()).select_from(mine.subquery())) or 0
    groups = list(
        session.scalars(
            mine.order_by(func.lower(TrainingGroup.name), TrainingGroup.id)
            .offset(offset)
            .limit(page_size)
        )
    )
    members = _seen_members(session, actor, [g.id for g in groups])
    return Page[GroupRead](
        items=[_read(actor, g, members[g.id]) for g in groups],
        page=page,
        page_size=page_size,
        total=total,
    )


@use_case("training_group", writes=True)
def create_group(session: Session, actor: Actor, data: GroupCreate) -> GroupRead:
    """A new group of the organization, with the athletes given (ones the actor may see)."""
    athlete_ids = _admitted(session, actor, data.athlete_ids)
    require_role(actor, "admin", "coach")
    require_write(actor)
    _check_name(session, actor, data.name)
    group = TrainingGroup(
        organization_id=actor.organization_id,
        name=data.name,
        created_by_id=actor.user_id if actor.role == "coach" else None,
    )
    session.add(group)
    session.flush()
    session.add_all(_member(group, athlete_id) for athlete_id in athlete_ids)
    session.flush()
    return _read(actor, group, _seen_members(session, actor, [group.id])[group.id])


def rename_group(session: Session, actor: Actor, group_id: int, data: GroupRename) -> GroupRead:
    """Give a group another name (admins, and the coach who made it)."""
    group = _managed(session, actor, group_id)
    _check_name(session, actor, data.name, besides=group.id)
    group.name = data.name
    session.flush()
    return _read(actor, group, _seen_members(session, actor, [group.id])[group.id])


def delete_group(session: Session, actor: Actor, group_id: int) -> GroupRead:
    """Delete a group; its athletes and their data stay (admins, and the coach who made it).
    The answer is the group as it was."""
    group = _managed(session, actor, group_id)
    was = _read(actor, group, _seen_members(session, actor, [group.id])[group.id])
    for member in session.scalars(select(GroupMember).where(GroupMember.group_id == group.id)):
        session.delete(member)  # one by one: each leaves its audit row
    session.flush()  # the members first: the models know no order between the two tables
    session.delete(group)
    session.flush()
    return was


@use_case("training_group", writes=True)
def set_group_members(
    session: Session, actor: Actor, group_id: int, data: GroupMembers
) -> GroupRead:
    """The athletes the actor sees in a group become exactly those given; the others stay."""
    group = get_group(session, actor, group_id)
    wanted = _admitted(session, actor, data.athlete_ids)
    require_write(actor)
    seen = set(_seen_members(session, actor, [group.id])[group.id])
    leaving = seen - set(wanted)
    if leaving:
        for member in session.scalars(
            select(GroupMember).where(
                GroupMember.group_id == group.id, GroupMember.athlete_id.in_(leaving)
            )
        ):
            session.delete(member)
    session.add_all(_member(group, a) for a in wanted if a not in seen)
    session.flush()
    return _read(actor, group, _seen_members(session, actor, [group.id])[group.id])


def get_group(session: Session, actor: Actor, group_id: int) -> TrainingGroup:
    """A group of the actor's organization (staff only); ``NotFound`` otherwise."""
    group = session.get(TrainingGroup, group_id)
    if group is None or group.organization_id != actor.organization_id or not actor.is_staff:
        raise NotFound("training group not found")
    return group


def group_athletes(session: Session, actor: Actor, group_id: int) -> Select[Any]:
    """A query of the ids of a group's athletes, for filtering a view by the group (the view
    still restricts them to the athletes the actor sees)."""
    group = get_group(session, actor, group_id)
    return select(GroupMember.athlete_id).where(GroupMember.group_id == group.id)


def _managed(session: Session, actor: Actor, group_id: int) -> TrainingGroup:
    group = get_group(session, actor, group_id)
    if not _may_manage(actor, group):
        raise PermissionDenied("only an admin or the coach who made this group may change it")
    require_write(actor)
    return group


def _may_manage(actor: Actor, group: TrainingGroup) -> bool:
    return actor.role == "admin" or group.created_by_id == actor.user_id


def _check_name(session: Session, actor: Actor, name: str, *, besides: int | None = None) -> None:
    """Refuse a name another group of the organization has (ignoring capitals)."""
    clash = select(TrainingGroup.id).where(
        TrainingGroup.organization_id == actor.organization_id,
        func.lower(TrainingGroup.name) == name.lower(),
    )
    if besides is not None:
        clash = clash.where(TrainingGroup.id != besides)
    if session.scalar(clash.limit(1)) is not None:
        raise Conflict(f"name: there is already a group called {name!r}; choose another name")


def _admitted(session: Session, actor: Actor, athlete_ids: list[int]) -> list[int]:
    """The ids given, all of athletes the actor may see; ``NotFound`` names the first other."""
    if not athlete_ids:
        return []
    seen = set(
        session.scalars(
            select(Athlete.id).where(
                Athlete.id.in_(athlete_ids),
                athlete_filter(actor, Athlete.id, Athlete.organization_id),
            )
        )
    )
    for athlete_id in athlete_ids:
        if athlete_id not in seen:
            raise NotFound(f"athlete_ids: athlete {athlete_id} not found")
    return list(athlete_ids)


def _seen_members(session: Session, actor: Actor, group_ids: Iterable[int]) -> dict[int, list[int]]:
    """Each group's athletes that the actor sees, by name (one query for all the groups)."""
    found: dict[int, list[int]] = defaultdict(list)
    ids = list(group_ids)
    if not ids:
        return found
    rows = session.execute(
        select(GroupMember.group_id, GroupMember.athlete_id)
        .join(Athlete, Athlete.id == GroupMember.athlete_id)
        .where(
            GroupMember.group_id.in_(ids),
            athlete_filter(actor, GroupMember.athlete_id, GroupMember.organization_id),
        )
        .order_by(Athlete.display_name, Athlete.id)
    )
    for group_id, athlete_id in rows:
        found[group_id].append(athlete_id)
    return found


def _member(group: TrainingGroup, athlete_id: int) -> GroupMember:
    return GroupMember(
        organization_id=group.organization_id, group_id=group.id, athlete_id=athlete_id
    )


def _read(actor: Actor, group: TrainingGroup, athlete_ids: list[int]) -> GroupRead:
    return GroupRead(
        id=group.id,
        name=group.name,
        members=len(athlete_ids),
        athlete_ids=athlete_ids,
        may_manage=_may_manage(actor, group),
        created_at=group.created_at,
    )
