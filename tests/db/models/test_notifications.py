"""Notification preferences and sends as tables: everything on at 07:00 by default, the kinds and
statuses from their lists, and one send per user, kind and day."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy.orm import Session

from runseason.db.models import NotificationPreference, NotificationSend
from tests.db.models.checks import accepted, refused
from tests.factories import NOW, World


def test_a_preference_sends_both_at_seven_by_default(db: Session, world: World) -> None:
    pref = NotificationPreference(organization_id=world.north.id, user_id=world.cole.id)
    accepted(db, pref)
    assert (pref.digest_enabled, pref.reminder_enabled, pref.quiet_days) == (True, True, [])
    assert pref.reminder_at == time(7, 0)


def test_one_send_per_user_kind_and_day(db: Session, world: World) -> None:
    def send(kind: str = "digest") -> NotificationSend:
        return NotificationSend(
            organization_id=world.north.id,
            user_id=world.cole.id,
            kind=kind,
            local_date=date(2027, 1, 4),
            recipient=world.cole.email,
            claimed_at=NOW,
        )

    first = send()
    accepted(db, first)
    assert (first.status, first.attempts) == ("sending", 0)
    refused(db, send(), "notification_sends")
    accepted(db, send("reminder"))
    refused(db, send("postcard"), "kind_valid")
    refused(db, first, "status_valid", status="lost")
