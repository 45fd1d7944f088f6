"""Comment threads on sessions: the athlete and their coaches talk about one session."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from runseason.db.base import Base, BigId, IdMixin, TenantMixin, TimestampMixin


class SessionComment(IdMixin, TenantMixin, TimestampMixin, Base):
    """One message of a session's thread, about a planned session or a logged one (one of the
    two, never both: a planned session keeps its thread once it is done)."""

    __tablename__ = "session_comments"
    __audited__ = True
    __table_args__ = (
        CheckConstraint(
            "(planned_session_id IS NULL) <> (training_log_id IS NULL)", name="one_session"
        ),
        Index(None, "planned_session_id", "created_at"),
        Index(None, "training_log_id", "created_at"),
        Index(None, "athlete_id", "created_at"),
    )

    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    planned_session_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("planned_sessions.id", ondelete="CASCADE")
    )
    training_log_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("training_logs.id", ondelete="CASCADE")
    )
    author_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )
    body: Mapped[str] = mapped_column(String(2000))
