"""The tenant and its tunable settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from runseason.db.base import Base, BigId, IdMixin, TimestampMixin, in_values
from runseason.db.types import utcnow

SETTING_SCOPES = ("organization", "coach", "athlete")


class Organization(IdMixin, TimestampMixin, Base):
    """A coaching business, club or programme: the tenant that owns all its athletes' data."""

    __tablename__ = "organizations"
    __audited__ = True

    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    is_demo: Mapped[bool] = mapped_column(default=False)


class SettingOverride(IdMixin, Base):
    """A validated override of the coaching settings for an organization, a coach or an athlete."""

    __tablename__ = "setting_overrides"
    __audited__ = True
    __table_args__ = (
        in_values("scope", SETTING_SCOPES),
        UniqueConstraint("organization_id", "scope", "subject_id"),
        Index(
            "uq_setting_overrides_organization_scope",
            "organization_id",
            "scope",
            unique=True,
            sqlite_where=text("subject_id IS NULL"),
            postgresql_where=text("subject_id IS NULL"),
        ),
    )

    organization_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("organizations.id", ondelete="CASCADE")
    )
    scope: Mapped[str] = mapped_column(String(20))
    # The coach's user id or the athlete's id; null for the organization itself.
    subject_id: Mapped[int | None] = mapped_column(BigId)
    values: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )
