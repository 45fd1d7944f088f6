"""Training groups: the organization's named sets of athletes, each seen through the reader's
own athletes, managed by admins and by the coach who made them."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import AuditLog, GroupMember, TrainingGroup
from runseason.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from runseason.schemas.groups import GroupCreate, GroupMembers, GroupRename
from runseason.services import groups
from tests.factories import World, actor


def _create(db: Session, world: World, who: str, name: str, *athlete_ids: int) -> int:
    person = getattr(world, who)
    data = GroupCreate(name=name, athlete_ids=list(athlete_ids))
    return groups.create_group(db, actor(db, person), data).id


def test_an_admin_makes_a_group_of_any_athletes_of_the_organization(
    db: Session, world: World
) -> None:
    made = groups.create_group(
        db,
        actor(db, world.ada),
        GroupCreate(name="Marathon squad", athlete_ids=[world.riley.id, world.greta.id]),
    )
    assert made.name == "Marathon squad"
    assert made.members == 2
    assert made.athlete_ids == [world.greta.id, world.riley.id]  # by name
    assert made.may_manage


def test_an_athlete_may_be_in_several_groups(db: Session, world: World) -> None:
    _create(db, world, "ada", "Marathon squad", world.greta.id)
    _create(db, world, "ada", "Juniors", world.greta.id)
    listed = groups.list_groups(db, actor(db, world.ada))
    assert [(g.name, g.members) for g in listed.items] == [
        ("Juniors", 1),
        ("Marathon squad", 1),
    ]
    assert listed.total == 2


def test_a_coach_sees_every_group_but_only_their_own_athletes_in_it(
    db: Session, world: World
) -> None:
    _create(db, world, "ada", "Marathon squad", world.greta.id, world.riley.id, world.sam.id)
    (seen,) = groups.list_groups(db, actor(db, world.cole)).items
    assert (seen.members, seen.athlete_ids) == (2, [world.greta.id, world.sam.id])
    assert not seen.may_manage  # an admin made it
    (uma_sees,) = groups.list_groups(db, actor(db, world.uma)).items
    assert uma_sees.members == 0
    assert groups.list_groups(db, actor(db, world.otto)).items == []


def test_a_coach_may_only_put_their_own_athletes_in_a_group(db: Session, world: World) -> None:
    with pytest.raises(NotFound, match=f"athlete_ids: athlete {world.riley.id}"):
        _create(db, world, "cole", "Cole's squad", world.greta.id, world.riley.id)
    with pytest.raises(NotFound, match="athlete_ids"):
        _create(db, world, "cole", "Cole's squad", world.oona.id)
    made = _create(db, world, "cole", "Cole's squad", world.greta.id)
    data = GroupMembers(athlete_ids=[world.sam.id, world.ramp.id])
    with pytest.raises(NotFound, match=f"athlete {world.ramp.id}"):
        groups.set_group_members(db, actor(db, world.cole), made, data)


def test_setting_the_members_keeps_the_athletes_the_coach_does_not_see(
    db: Session, world: World
) -> None:
    squad = _create(db, world, "ada", "Marathon squad", world.greta.id, world.riley.id)
    cole = actor(db, world.cole)
    read = groups.set_group_members(db, cole, squad, GroupMembers(athlete_ids=[world.sam.id]))
    assert read.athlete_ids == [world.sam.id]
    stored = db.scalars(select(GroupMember.athlete_id).where(GroupMember.group_id == squad))
    assert set(stored) == {world.sam.id, world.riley.id}  # Greta out, Sam in, Riley untouched


def test_an_admin_replaces_the_members_outright(db: Session, world: World) -> None:
    squad = _create(db, world, "ada", "Marathon squad", world.greta.id, world.riley.id)
    read = groups.set_group_members(
        db, actor(db, world.ada), squad, GroupMembers(athlete_ids=[world.ramp.id])
    )
    assert read.athlete_ids == [world.ramp.id]
    read = groups.set_group_members(db, actor(db, world.ada), squad, GroupMembers(athlete_ids=[]))
    assert read.members == 0


def test_a_coach_manages_the_groups_they_made_and_an_admin_every_group(
    db: Session, world: World
) -> None:
    mine = _create(db, world, "cole", "Cole's squad", world.greta.id)
    theirs = _create(db, world, "asha", "Asha's squad", world.riley.id)
    cole = actor(db, world.cole)
    renamed = groups.rename_group(db, cole, mine, GroupRename(name="Tuesday group"))
    assert (renamed.name, renamed.may_manage) == ("Tuesday group", True)
    with pytest.raises(PermissionDenied):
        groups.rename_group(db, cole, theirs, GroupRename(name="Mine now"))
    with pytest.raises(PermissionDenied):
        groups.delete_group(db, cole, theirs)
    groups.rename_group(db, actor(db, world.ada), theirs, GroupRename(name="Asha's juniors"))
    groups.delete_group(db, actor(db, world.ada), theirs)
    groups.delete_group(db, cole, mine)
    assert db.scalars(select(TrainingGroup)).all() == []
    assert db.scalars(select(GroupMember)).all() == []


def test_deleting_a_group_leaves_its_athletes_and_an_audit_trail(db: Session, world: World) -> None:
    squad = _create(db, world, "ada", "Marathon squad", world.greta.id)
    groups.delete_group(db, actor(db, world.ada), squad)
    assert db.get(type(world.greta), world.greta.id) is not None
    actions = db.execute(
        select(AuditLog.entity, AuditLog.action).where(
            AuditLog.entity.in_(["training_groups", "group_members"])
        )
    ).all()
    assert ("group_members", "delete") in actions
    assert ("training_groups", "delete") in actions


def test_other_organizations_and_athletes_never_find_a_group(db: Session, world: World) -> None:
    squad = _create(db, world, "ada", "Marathon squad", world.greta.id)
    for person in (world.otto, world.user_of(world.greta, db), world.user_of(world.oona, db)):
        who = actor(db, person)
        with pytest.raises(NotFound):
            groups.rename_group(db, who, squad, GroupRename(name="Taken"))
        with pytest.raises(NotFound):
            groups.delete_group(db, who, squad)
        with pytest.raises(NotFound):
            groups.set_group_members(db, who, squad, GroupMembers(athlete_ids=[]))
    with pytest.raises(PermissionDenied):
        groups.list_groups(db, actor(db, world.user_of(world.greta, db)))
    with pytest.raises(NotFound):
        groups.delete_group(db, actor(db, world.ada), 10**9)


def test_a_name_is_taken_once_per_organization_whatever_its_capitals(
    db: Session, world: World
) -> None:
    _create(db, world, "ada", "Juniors")
    with pytest.raises(Conflict, match="name"):
        _create(db, world, "cole", "JUNIORS")
    other = _create(db, world, "ada", "Seniors")
    with pytest.raises(Conflict, match="name"):
        groups.rename_group(db, actor(db, world.ada), other, GroupRename(name="juniors"))
    groups.rename_group(db, actor(db, world.ada), other, GroupRename(name="SENIORS"))
    assert _create(db, world, "otto", "Juniors")  # another organization's name is its own


def test_read_only_keys_cannot_change_groups(db: Session, world: World) -> None:
    squad = _create(db, world, "ada", "Juniors")
    reader = actor(db, world.ada, scope="read")
    with pytest.raises(PermissionDenied):
        groups.create_group(db, reader, GroupCreate(name="Seniors"))
    with pytest.raises(PermissionDenied):
        groups.rename_group(db, reader, squad, GroupRename(name="Seniors"))
    with pytest.raises(PermissionDenied):
        groups.delete_group(db, reader, squad)
    assert groups.list_groups(db, reader).total == 1


def test_the_list_is_paged_by_name(db: Session, world: World) -> None:
    for name in ("charlie", "Alpha", "bravo"):
        _create(db, world, "ada", name)
    first = groups.list_groups(db, actor(db, world.ada), page=1, page_size=2)
    assert [g.name for g in first.items] == ["Alpha", "bravo"]
    assert first.total == 3
    second = groups.list_groups(db, actor(db, world.ada), page=2, page_size=2)
    assert [g.name for g in second.items] == ["charlie"]
    with pytest.raises(InvalidInput):
        groups.list_groups(db, actor(db, world.ada), page=0)
