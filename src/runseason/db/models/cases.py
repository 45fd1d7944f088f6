"""Case management: notes, tasks, injury and illness cases, and the athlete's timeline."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from runseason.db.base import Base, BigId, IdMixin, TenantMixin, TimestampMixin, in_values
from runseason.db.types import utcnow


class CaseNote(IdMixin, TenantMixin, TimestampMixin, Base):
    """A coach's note on an athlete; ``shared`` notes are visible to the athlete as messages."""

    __tablename__ = "case_notes"
    __audited__ = True
    __table_args__ = (Index(None, "athlete_id", "created_at"),)

    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )
    body: Mapped[str] = mapped_column(String(4000))
    shared_with_athlete: Mapped[bool] = mapped_column(default=False)
    intervention_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("interventions.id", ondelete="SET NULL")
    )


class Task(IdMixin, TenantMixin, TimestampMixin, Base):
    """A to-do with a due date and an assignee; overdue tasks surface in the Command Center."""

    __tablename__ = "tasks"
    __audited__ = True
    __table_args__ = (
        in_values("status", ("open", "done", "cancelled")),
        Index(None, "assignee_id", "status", "due_date"),
        Index(None, "athlete_id", "status"),
    )

    athlete_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("athletes.id", ondelete="CASCADE")
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(String(2000))
    due_date: Mapped[date | None]
    assignee_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )
    created_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(String(12), default="open")
    completed_at: Mapped[datetime | None]


class HealthCase(IdMixin, TenantMixin, TimestampMixin, Base):
    """An injury or illness episode with its status and return-to-run progression."""

    __tablename__ = "health_cases"
    __audited__ = True
    __table_args__ = (
        in_values("kind", ("injury", "illness")),
        in_values("status", ("open", "return_to_run", "closed")),
        Index(None, "athlete_id", "status"),
    )

    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(16), default="open")
    location: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(String(2000))
    started_on: Mapped[date]
    closed_on: Mapped[date | None]
    progression: Mapped[list[Any]] = mapped_column(default=list)
    opened_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )


class TimelineEvent(IdMixin, TenantMixin, Base):
    """One entry of an athlete's case timeline, pointing at the record it summarises."""

    __tablename__ = "timeline_events"
    __table_args__ = (Index(None, "athlete_id", "occurred_at"),)

    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(300))
    ref_type: Mapped[str | None] = mapped_column(String(40))
    ref_id: Mapped[int | None] = mapped_column(BigId)
    actor_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id", ondelete="SET NULL"))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
