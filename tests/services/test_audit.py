"""The audit trail, read by admins: filtered by table and time, newest first."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from runseason.errors import InvalidInput, PermissionDenied
from runseason.schemas.accounts import AthleteUpdate
from runseason.services.audit import list_audit
from runseason.services.identity import users
from tests.factories import NOW, World, actor


def test_an_admin_finds_a_profile_change_on_the_trail(db: Session, world: World) -> None:
    users.update_athlete(db, actor(db, world.cole), world.greta.id, AthleteUpdate(vdot=51.0))
    trail = list_audit(db, actor(db, world.ada), entity="athletes")
    assert trail.total >= 1
    assert {e.entity for e in trail.items} == {"athletes"}
    assert any("vdot" in e.changes for e in trail.items)


def test_only_admins_read_the_trail_and_the_range_must_be_in_order(
    db: Session, world: World
) -> None:
    with pytest.raises(PermissionDenied):
        list_audit(db, actor(db, world.cole))
    with pytest.raises(InvalidInput, match="'since' must be before 'until'"):
        list_audit(db, actor(db, world.ada), since=NOW, until=NOW - timedelta(days=1))
