"""Email preferences and the delivery log."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Literal

from pydantic import Field, field_validator

from runseason.schemas.common import Input, Output

Kind = Literal["digest", "reminder"]
KIND_WORDS = {"digest": "morning digest", "reminder": "check-in reminder"}


class NotificationPreferencesRead(Output):
    """What a person is sent: the coach's morning digest, the athlete's check-in reminder."""

    digest_enabled: bool
    reminder_enabled: bool
    reminder_at: time
    quiet_days: list[int]
    kinds: list[Kind]  # the emails the person's role receives


class NotificationPreferencesUpdate(Input):
    """A change of email preferences; fields left out stay as they are."""

    digest_enabled: bool | None = None
    reminder_enabled: bool | None = None
    reminder_at: time | None = Field(None, description="Local time of the check-in reminder")
    quiet_days: list[int] | None = Field(
        None, max_length=7, description="Weekdays without email, 0 = Monday"
    )

    @field_validator("reminder_at")
    @classmethod
    def _whole_minutes(cls, value: time | None) -> time | None:
        if value is not None and (value.tzinfo is not None or value.second or value.microsecond):
            raise ValueError("give a local time in whole minutes, such as 07:30")
        return value

    @field_validator("quiet_days")
    @classmethod
    def _weekdays(cls, value: list[int] | None) -> list[int] | None:
        if value is None:
            return None
        if any(not 0 <= day <= 6 for day in value):
            raise ValueError("weekdays run from 0 (Monday) to 6 (Sunday)")
        return sorted(set(value))


class DeliveryRead(Output):
    """One email the platform sent or tried to send."""

    id: int
    kind: Kind
    person: str
    recipient: str
    local_date: date
    status: Literal["sending", "sent", "failed"]
    attempts: int
    claimed_at: datetime
    finished_at: datetime | None
    last_error: str | None
