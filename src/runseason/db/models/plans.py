"""Periodized training plans, their weeks and day-level sessions, and their revisions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from runseason.db.base import (
    Base,
    BigId,
    IdMixin,
    TenantMixin,
    TimestampMixin,
    between,
    in_values,
    non_negative,
)
from runseason.db.types import utcnow
from runseason.domain.plan_model import PHASES

PLAN_STATUSES = ("draft", "active", "completed", "archived")
# completed, partial and missed follow the matched logs (services/plans/compliance.py).
SESSION_STATUSES = ("planned", "completed", "partial", "missed", "skipped", "cancelled")
SESSION_ROLES = ("easy", "long", "quality", "recovery", "race", "strides", "rest", "cross")


class TrainingPlan(IdMixin, TenantMixin, TimestampMixin, Base):
    """A periodized plan for one athlete, usually towards an A race."""

    __tablename__ = "training_plans"
    __audited__ = True
    __table_args__ = (
        in_values("status", PLAN_STATUSES),
        between("weeks", 1, 60, nullable=False),
        CheckConstraint("end_date >= start_date", name="date_order"),
        Index(None, "athlete_id", "status"),
    )

    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    goal_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("race_goals.id", ondelete="SET NULL")
    )
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date]
    end_date: Mapped[date]
    weeks: Mapped[int]
    status: Mapped[str] = mapped_column(String(12), default="active")
    # The request the builder was given, so a regeneration can start from it.
    parameters: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # What the builder told the coach about this plan, in the athlete's unit.
    warnings: Mapped[list[Any]] = mapped_column(default=list)
    version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )


class PlanWeek(IdMixin, TenantMixin, Base):
    """One week of a plan: its phase, targets and flags."""

    __tablename__ = "plan_weeks"
    __audited__ = True
    __table_args__ = (
        UniqueConstraint("plan_id", "week_index"),
        in_values("phase", PHASES),
        non_negative("target_distance_m"),
        non_negative("long_run_distance_m"),
    )

    plan_id: Mapped[int] = mapped_column(BigId, ForeignKey("training_plans.id", ondelete="CASCADE"))
    week_index: Mapped[int]
    start_date: Mapped[date]
    phase: Mapped[str] = mapped_column(String(12))
    is_cutback: Mapped[bool] = mapped_column(default=False)
    is_taper: Mapped[bool] = mapped_column(default=False)
    is_race_week: Mapped[bool] = mapped_column(default=False)
    target_distance_m: Mapped[float] = mapped_column(default=0)
    long_run_distance_m: Mapped[float] = mapped_column(default=0)
    notes: Mapped[str | None] = mapped_column(String(1000))


class PlannedSession(IdMixin, TenantMixin, TimestampMixin, Base):
    """A session on a day of the plan, with its template, resolved targets and planned load."""

    __tablename__ = "planned_sessions"
    __audited__ = True
    __table_args__ = (
        in_values("status", SESSION_STATUSES),
        in_values("role", SESSION_ROLES),
        non_negative("planned_duration_s"),
        non_negative("planned_distance_m"),
        non_negative("planned_load"),
        Index(None, "athlete_id", "scheduled_date"),
        Index(None, "plan_id", "scheduled_date"),
    )

    plan_id: Mapped[int] = mapped_column(BigId, ForeignKey("training_plans.id", ondelete="CASCADE"))
    plan_week_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("plan_weeks.id", ondelete="SET NULL")
    )
    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    template_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("session_templates.id", ondelete="SET NULL")
    )
    template_code: Mapped[str | None] = mapped_column(String(80))
    scheduled_date: Mapped[date]
    order_in_day: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(12), default="easy")
    is_hard: Mapped[bool] = mapped_column(default=False)
    planned_duration_s: Mapped[float] = mapped_column(default=0)
    planned_distance_m: Mapped[float | None]
    planned_load: Mapped[float] = mapped_column(default=0)
    # Resolved targets at the time of planning (paces, HR, steps), re-resolved on display.
    targets: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(12), default="planned")
    origin: Mapped[str] = mapped_column(String(16), default="generated")
    coach_note: Mapped[str | None] = mapped_column(String(1000))


class PlanRevision(IdMixin, TenantMixin, Base):
    """A snapshot of a plan's sessions: version 1 is the original, later ones follow each edit."""

    __tablename__ = "plan_revisions"
    __table_args__ = (UniqueConstraint("plan_id", "version"),)

    plan_id: Mapped[int] = mapped_column(BigId, ForeignKey("training_plans.id", ondelete="CASCADE"))
    version: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(500))
    snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
