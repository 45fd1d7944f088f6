"""A replaced plan stays readable and can be made active again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from runseason.errors import Conflict, NotFound, PermissionDenied
from runseason.schemas.plans import PlanCreate
from runseason.services.plans import archive, generation
from tests.factories import NOW, World, actor


def _build(db: Session, world: World, weeks: int) -> int:
    request = PlanCreate(
        race_distance_m=10000, race_date=NOW.date() + timedelta(weeks=weeks), replace_active=True
    )
    return generation.generate_plan(db, actor(db, world.cole), world.greta.id, request, now=NOW).id


def test_a_new_plan_archives_the_old_one_which_can_be_restored(db: Session, world: World) -> None:
    cole = actor(db, world.cole)
    first = _build(db, world, 12)
    second = _build(db, world, 16)
    plans = archive.list_plans(db, cole, world.greta.id)
    assert {p.id: p.status for p in plans} == {first: "archived", second: "active"}
    assert generation.get_plan(db, cole, first).sessions, "the old plan is still readable"
    restored = archive.restore_plan(db, cole, first, now=NOW)
    assert restored.status == "active"
    assert generation.find_active_plan(db, cole, world.greta.id).id == first  # type: ignore[union-attr]
    statuses = {p.id: p.status for p in archive.list_plans(db, cole, world.greta.id)}
    assert statuses == {first: "active", second: "archived"}
    with pytest.raises(Conflict):
        archive.restore_plan(db, cole, first, now=NOW)


def test_only_the_athletes_staff_restore_and_the_athlete_only_reads(
    db: Session, world: World
) -> None:
    first = _build(db, world, 12)
    _build(db, world, 16)
    greta = actor(db, world.user_of(world.greta, db))
    assert len(archive.list_plans(db, greta, world.greta.id)) == 2
    with pytest.raises((PermissionDenied, NotFound)):
        archive.restore_plan(db, greta, first, now=NOW)
    with pytest.raises(NotFound):
        archive.restore_plan(db, actor(db, world.otto), first, now=NOW)
