"""The coaching engine's records: recommendations, interventions and the coach's actions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from runseason.db.base import Base, BigId, IdMixin, TenantMixin, between, in_values
from runseason.db.types import utcnow

RECOMMENDATION_TYPES = (
    "progress",
    "reduce_load",
    "rest_day",
    "swap_session",
    "check_in",
    "medical_referral",
    "return_to_run",
    "drop_intensity",
    "talk_to_coach",
)
ATHLETE_ANSWERS = ("accepted", "declined")
RECOMMENDATION_STATUSES = ("open", "applied", "awaiting_athlete", "dismissed", "superseded")
INTERVENTION_STATUSES = ("open", "acknowledged", "snoozed", "resolved")
COACH_ACTIONS = (
    "acknowledge",
    "note",
    "message",
    "apply",
    "snooze",
    "resolve",
    "reopen",
    "auto_apply",
)


class Recommendation(IdMixin, TenantMixin, Base):
    """What the engine proposes for an athlete-day, with risk, confidence and factors."""

    __tablename__ = "recommendations"
    __audited__ = True
    __table_args__ = (
        in_values("type", RECOMMENDATION_TYPES),
        in_values("status", RECOMMENDATION_STATUSES),
        in_values("athlete_answer", ATHLETE_ANSWERS),
        between("risk", 0, 1, nullable=False),
        between("confidence", 0, 1, nullable=False),
        Index(None, "athlete_id", "local_date"),
        Index(None, "organization_id", "status"),
    )

    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    local_date: Mapped[date]
    type: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    rationale: Mapped[str] = mapped_column(String(2000))
    risk: Mapped[float]
    confidence: Mapped[float]
    bucket: Mapped[str] = mapped_column(String(10))
    factors: Mapped[list[Any]] = mapped_column(default=list)
    proposed_action: Mapped[dict[str, Any]] = mapped_column(default=dict)
    requires_coach: Mapped[bool] = mapped_column(default=False)
    decision: Mapped[str] = mapped_column(String(16), default="await_coach")
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    # In assisted mode: the athlete's answer to the suggestion, which the coach then reads.
    athlete_answer: Mapped[str | None] = mapped_column(String(10))
    athlete_answered_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )


class Intervention(IdMixin, TenantMixin, Base):
    """An open question for a coach about one athlete and one cause, aging against the SLA."""

    __tablename__ = "interventions"
    __audited__ = True
    __table_args__ = (
        in_values("status", INTERVENTION_STATUSES),
        between("risk", 0, 1, nullable=False),
        Index(
            "uq_interventions_open_cause",
            "athlete_id",
            "cause",
            unique=True,
            sqlite_where=text("status <> 'resolved'"),
            postgresql_where=text("status <> 'resolved'"),
        ),
        Index(None, "organization_id", "status", "risk"),
        Index(None, "athlete_id", "cause", "resolved_at"),
    )

    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    cause: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="open")
    risk: Mapped[float]
    severity: Mapped[float] = mapped_column(default=0)
    recommendation_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("recommendations.id", ondelete="SET NULL")
    )
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_evidence_at: Mapped[datetime] = mapped_column(default=utcnow)
    acknowledged_at: Mapped[datetime | None]
    snoozed_until: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    # When the athlete had been stable long enough for the cause to count as cleared.
    cleared_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )
    outcome: Mapped[str | None] = mapped_column(String(500))


class CoachAction(IdMixin, TenantMixin, Base):
    """One thing a coach did (or the engine did on their behalf), for the action log."""

    __tablename__ = "coach_actions"
    __audited__ = True
    __table_args__ = (
        in_values("action", COACH_ACTIONS),
        Index(None, "athlete_id", "created_at"),
        Index(None, "intervention_id"),
    )

    athlete_id: Mapped[int] = mapped_column(BigId, ForeignKey("athletes.id", ondelete="CASCADE"))
    intervention_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("interventions.id", ondelete="SET NULL")
    )
    actor_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
