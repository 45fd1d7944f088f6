"""The audit trail and the error-event log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from runseason.db.base import Base, BigId, IdMixin, in_values
from runseason.db.types import utcnow


class AuditLog(IdMixin, Base):
    """Who changed what, when: written by the session listener in db/audit.py, never by hand."""

    __tablename__ = "audit_log"
    __table_args__ = (
        in_values("action", ("insert", "update", "delete")),
        Index(None, "organization_id", "occurred_at"),
        Index(None, "entity", "entity_id"),
    )

    # Not a foreign key: the trail must outlive what it describes.
    organization_id: Mapped[int | None] = mapped_column(BigId)
    actor_user_id: Mapped[int | None] = mapped_column(BigId)
    request_id: Mapped[str | None] = mapped_column(String(40))
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(8))
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)


class ErrorEvent(IdMixin, Base):
    """A best-effort copy of an error logged by the platform, for the system-status page."""

    __tablename__ = "error_events"
    __table_args__ = (Index(None, "occurred_at"), Index(None, "organization_id", "occurred_at"))

    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    level: Mapped[str] = mapped_column(String(10))
    logger: Mapped[str] = mapped_column(String(120))
    message: Mapped[str] = mapped_column(String(2000))
    exc_type: Mapped[str | None] = mapped_column(String(120))
    traceback: Mapped[str | None]
    request_id: Mapped[str | None] = mapped_column(String(40))
    user_id: Mapped[int | None] = mapped_column(BigId)
    # The organization whose request broke: its admins see the error, no one else's do.
    organization_id: Mapped[int | None] = mapped_column(BigId)
