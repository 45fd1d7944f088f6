"""What connects the platform to people's other tools: calendar feeds and outbound webhooks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from runseason.db.base import Base, BigId, IdMixin, TenantMixin, in_values
from runseason.db.types import utcnow


class CalendarFeed(IdMixin, TenantMixin, Base):
    """An athlete's secret calendar address: only the hash of its token is stored."""

    __tablename__ = "calendar_feeds"
    __audited__ = True
    __audit_redacted__ = frozenset({"token_hash"})

    athlete_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("athletes.id", ondelete="CASCADE"), unique=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )


WEBHOOK_EVENTS = (
    "checkin.created",
    "session.logged",
    "intervention.opened",
    "intervention.resolved",
    "recommendation.created",
    "plan.changed",
)
DELIVERY_STATUSES = ("pending", "delivered", "failed", "cancelled")


class WebhookEndpoint(IdMixin, TenantMixin, Base):
    """An address of the organization's own systems that receives its events, signed."""

    __tablename__ = "webhook_endpoints"
    __audited__ = True
    __audit_redacted__ = frozenset({"secret"})
    __audit_ignored__ = frozenset({"updated_at"})

    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str] = mapped_column(String(200), default="")
    # The Standard Webhooks signing secret ("whsec_" and base64), needed to sign every delivery.
    secret: Mapped[str] = mapped_column(String(100))
    # The event types sent (an empty list: all of them).
    event_types: Mapped[list[Any]] = mapped_column(default=list)
    is_enabled: Mapped[bool] = mapped_column(default=True)
    disabled_reason: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )


class WebhookMessage(IdMixin, TenantMixin, Base):
    """The outbox: an event written in the transaction of the change it reports."""

    __tablename__ = "webhook_messages"
    __table_args__ = (
        in_values("event_type", WEBHOOK_EVENTS),
        Index(None, "dispatched_at", "id"),
    )

    # The athlete the event is about: erasing them erases their events (a cascade, as elsewhere).
    athlete_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    # The webhook-id every delivery of this event carries (the receiver's idempotency key).
    message_key: Mapped[str] = mapped_column(String(40), unique=True)
    event_type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # When the worker made its deliveries (one per subscribed endpoint); NULL: not yet.
    dispatched_at: Mapped[datetime | None]


class WebhookDelivery(IdMixin, TenantMixin, Base):
    """One event to one endpoint: its attempts, the last answer, when to try again."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        in_values("status", DELIVERY_STATUSES),
        UniqueConstraint("message_id", "endpoint_id"),
        Index(None, "status", "next_attempt_at"),
        Index(None, "endpoint_id", "id"),
    )

    message_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("webhook_messages.id", ondelete="CASCADE")
    )
    endpoint_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("webhook_endpoints.id", ondelete="CASCADE")
    )
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_attempt_at: Mapped[datetime | None]
    last_status_code: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
    delivered_at: Mapped[datetime | None]
