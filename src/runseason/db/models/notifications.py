"""What a person wants to be sent, and every send: claimed once per person, kind and local day."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from runseason.db.base import Base, BigId, IdMixin, TenantMixin, TimestampMixin, in_values

NOTIFICATION_KINDS = ("digest", "reminder")
SEND_STATUSES = ("sending", "sent", "failed")
DEFAULT_REMINDER_AT = time(7, 0)


class NotificationPreference(TenantMixin, TimestampMixin, Base):
    """A person's email choices; a person without a row has the defaults."""

    __tablename__ = "notification_preferences"
    __audited__ = True

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    digest_enabled: Mapped[bool] = mapped_column(default=True)
    reminder_enabled: Mapped[bool] = mapped_column(default=True)
    reminder_at: Mapped[time] = mapped_column(
        default=DEFAULT_REMINDER_AT
    )  # in the person's time zone
    # Weekdays nothing is sent, 0 = Monday.
    quiet_days: Mapped[list[Any]] = mapped_column(default=list)


class NotificationSend(IdMixin, TenantMixin, Base):
    """One email for one person, kind and local day: inserted before sending, so two workers
    never send it twice, then marked sent or failed (with the error) for the admin to see."""

    __tablename__ = "notification_sends"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "local_date"),
        in_values("kind", NOTIFICATION_KINDS),
        in_values("status", SEND_STATUSES),
        Index(None, "organization_id", "claimed_at"),
    )

    user_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    local_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default="sending")
    recipient: Mapped[str] = mapped_column(String(254))
    attempts: Mapped[int] = mapped_column(default=0)
    claimed_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
