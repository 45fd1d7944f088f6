"""Structured session templates: the built-in library and each organization's own."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from runseason.db.base import Base, BigId, IdMixin, TimestampMixin, between, non_negative


class SessionTemplate(IdMixin, TimestampMixin, Base):
    """A session template; ``organization_id`` is null for the read-only built-in library."""

    __tablename__ = "session_templates"
    __audited__ = True
    __table_args__ = (
        UniqueConstraint("organization_id", "code"),
        between("rpe_target", 0, 10),
        non_negative("estimated_duration_s"),
        non_negative("estimated_load"),
        Index(None, "category"),
    )

    organization_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(32))
    purpose: Mapped[str] = mapped_column(String(500))
    phases: Mapped[list[Any]] = mapped_column(default=list)
    level: Mapped[str] = mapped_column(String(16), default="intermediate")
    is_hard: Mapped[bool] = mapped_column(default=False)
    rpe_target: Mapped[float]
    scalable: Mapped[bool] = mapped_column(default=False)
    # Warm-up, main and cool-down blocks of steps, validated by schemas.library.
    structure: Mapped[dict[str, Any]] = mapped_column(default=dict)
    estimated_duration_s: Mapped[float]
    estimated_distance_m: Mapped[float | None]
    estimated_load: Mapped[float]
    is_builtin: Mapped[bool] = mapped_column(default=False)
    is_archived: Mapped[bool] = mapped_column(default=False)
    cloned_from_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("session_templates.id", ondelete="SET NULL")
    )
    created_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )
    library_version: Mapped[str | None] = mapped_column(String(40))
