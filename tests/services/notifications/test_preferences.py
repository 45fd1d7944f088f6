"""Email preferences: defaults, partial changes, the role's kinds, read-only keys refused."""

from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy.orm import Session

from runseason.errors import PermissionDenied
from runseason.schemas.notifications import NotificationPreferencesUpdate
from runseason.services.notifications import preferences
from tests.factories import World, actor


def test_a_person_who_never_chose_has_the_defaults_for_their_role(
    db: Session, world: World
) -> None:
    coach = preferences.get_notification_preferences(db, actor(db, world.cole))
    assert (coach.digest_enabled, coach.reminder_enabled, coach.reminder_at) == (
        True,
        True,
        time(7, 0),
    )
    assert coach.quiet_days == []
    assert coach.kinds == ["digest"]
    athlete = actor(db, world.user_of(world.greta, db))
    assert preferences.get_notification_preferences(db, athlete).kinds == ["reminder"]


def test_a_change_keeps_what_it_leaves_out(db: Session, world: World) -> None:
    greta = actor(db, world.user_of(world.greta, db))
    first = NotificationPreferencesUpdate(reminder_at=time(6, 45), quiet_days=[6, 5, 6])
    preferences.update_notification_preferences(db, greta, first)
    second = NotificationPreferencesUpdate(reminder_enabled=False)
    mine = preferences.update_notification_preferences(db, greta, second)
    assert (mine.reminder_enabled, mine.reminder_at, mine.quiet_days) == (
        False,
        time(6, 45),
        [5, 6],
    )
    assert preferences.get_notification_preferences(db, greta) == mine
    other = preferences.get_notification_preferences(db, actor(db, world.user_of(world.sam, db)))
    assert other.reminder_enabled  # one person's choice only


def test_a_read_only_key_cannot_change_preferences(db: Session, world: World) -> None:
    with pytest.raises(PermissionDenied):
        preferences.update_notification_preferences(
            db,
            actor(db, world.cole, scope="read"),
            NotificationPreferencesUpdate(digest_enabled=False),
        )


def test_turning_one_kind_off_leaves_the_other(db: Session, world: World) -> None:
    preferences.turn_off(db, world.cole.id, world.north.id, "digest")
    mine = preferences.get_notification_preferences(db, actor(db, world.cole))
    assert (mine.digest_enabled, mine.reminder_enabled) == (False, True)
