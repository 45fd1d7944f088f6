"""What connects the platform to people's other tools: calendar feeds and outbound webhooks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from runseason.db.base import Base, BigId, IdMixin, TenantMixin
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
