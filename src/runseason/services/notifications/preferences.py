"""A person's email preferences: read with defaults, changed by themself or by an unsubscribe."""

from __future__ import annotations

from typing import Literal, cast

from sqlalchemy.orm import Session

from runseason.db.models import NotificationPreference
from runseason.db.models.notifications import DEFAULT_REMINDER_AT
from runseason.schemas.notifications import (
    Kind,
    NotificationPreferencesRead,
    NotificationPreferencesUpdate,
)
from runseason.services.identity.access import Actor, Role, require_write

KINDS_OF_ROLE: dict[Role, list[Kind]] = {
    "admin": ["digest"],
    "coach": ["digest"],
    "athlete": ["reminder"],
}


def defaults(user_id: int, organization_id: int) -> NotificationPreference:
    """The preferences of a person who never changed them (not added to any session)."""
    return NotificationPreference(
        user_id=user_id,
        organization_id=organization_id,
        digest_enabled=True,
        reminder_enabled=True,
        reminder_at=DEFAULT_REMINDER_AT,
        quiet_days=[],
    )


def _stored(session: Session, user_id: int, organization_id: int) -> NotificationPreference:
    """The person's row, created with the defaults when they have none."""
    row = session.get(NotificationPreference, user_id)
    if row is None:
        row = defaults(user_id, organization_id)
        session.add(row)
    return row


def _read(row: NotificationPreference, role: Role) -> NotificationPreferencesRead:
    return NotificationPreferencesRead(
        digest_enabled=row.digest_enabled,
        reminder_enabled=row.reminder_enabled,
        reminder_at=row.reminder_at,
        quiet_days=sorted(row.quiet_days),
        kinds=KINDS_OF_ROLE[role],
    )


def get_notification_preferences(session: Session, actor: Actor) -> NotificationPreferencesRead:
    """The signed-in person's email preferences."""
    row = session.get(NotificationPreference, actor.user_id)
    return _read(row or defaults(actor.user_id, actor.organization_id), actor.role)


def update_notification_preferences(
    session: Session, actor: Actor, data: NotificationPreferencesUpdate
) -> NotificationPreferencesRead:
    """Change the signed-in person's email preferences; what is left out stays."""
    require_write(actor)
    row = _stored(session, actor.user_id, actor.organization_id)
    for name, value in data.model_dump(exclude_unset=True, exclude_none=True).items():
        setattr(row, name, value)
    session.flush()
    return _read(row, actor.role)


def turn_off(session: Session, user_id: int, organization_id: int, kind: Kind) -> None:
    """Stop one kind of email for a person (what an unsubscribe link does)."""
    row = _stored(session, user_id, organization_id)
    field = cast(Literal["digest_enabled", "reminder_enabled"], f"{kind}_enabled")
    setattr(row, field, False)
    session.flush()
