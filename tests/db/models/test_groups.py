"""Training groups as tables: a name once per organization, an athlete once per group, and the
members leave with their group or their athlete."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, GroupMember, TrainingGroup
from tests.db.models.checks import accepted, refused
from tests.factories import World


def test_a_group_name_is_unique_in_its_organization_only(db: Session, world: World) -> None:
    squad = TrainingGroup(organization_id=world.north.id, name="Marathon squad")
    accepted(db, squad)
    refused(db, TrainingGroup(organization_id=world.north.id, name="Marathon squad"), "name")
    accepted(db, TrainingGroup(organization_id=world.south.id, name="Marathon squad"))


def test_an_athlete_is_once_in_a_group_and_leaves_with_it(db: Session, world: World) -> None:
    squad = TrainingGroup(organization_id=world.north.id, name="Juniors")
    other = TrainingGroup(organization_id=world.north.id, name="Hill club")
    accepted(db, squad)
    accepted(db, other)

    def member(group: TrainingGroup) -> GroupMember:
        return GroupMember(
            organization_id=world.north.id, group_id=group.id, athlete_id=world.greta.id
        )

    accepted(db, member(squad))
    accepted(db, member(other))
    refused(db, member(squad), "group_members")
    db.execute(delete(TrainingGroup).where(TrainingGroup.id == squad.id))
    left = db.scalars(select(GroupMember.group_id).where(GroupMember.athlete_id == world.greta.id))
    assert list(left) == [other.id]
    db.execute(delete(Athlete).where(Athlete.id == world.greta.id))
    assert db.scalar(select(GroupMember.group_id)) is None
