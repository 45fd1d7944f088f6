"""The coaching engine at the boundary: recommendations, interventions, the queue, the caseload."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from runseason.schemas.common import Input, Output


class RecommendationRead(Output):
    """What the engine proposes for an athlete-day."""

    id: int
    athlete_id: int
    local_date: date
    type: str
    title: str
    rationale: str
    risk: float
    confidence: float
    bucket: str
    factors: list[dict[str, Any]]
    proposed_action: dict[str, Any]
    requires_coach: bool
    decision: str
    status: str


class RecommendationDecision(Input):
    """A coach's answer to a recommendation."""

    decision: Literal["accept", "modify", "reject"]
    note: str | None = Field(None, max_length=2000)
    days: int | None = Field(None, ge=1, le=14)
    factor: float | None = Field(None, ge=0.3, le=1.0)


class SessionChangeRead(Output):
    """One planned session before and after a proposed change."""

    session_id: int
    before: dict[str, Any]
    after: dict[str, Any] | None


class InterventionRead(Output):
    """An open question for a coach."""

    id: int
    athlete_id: int
    cause: str
    title: str
    status: str
    risk: float
    evidence: list[Any]
    opened_at: datetime
    last_evidence_at: datetime
    acknowledged_at: datetime | None
    snoozed_until: datetime | None
    resolved_at: datetime | None
    outcome: str | None
    recommendation_id: int | None
    sla: str = "fresh"


class InterventionResolve(Input):
    """How an intervention ended."""

    outcome: str = Field(min_length=3, max_length=500)


class InterventionSnooze(Input):
    """Put an intervention aside for some hours."""

    hours: int = Field(ge=1, le=24 * 14)


class QueueItem(Output):
    """One row of the Command Center."""

    intervention: InterventionRead
    athlete_name: str
    readiness_band: str | None
    risk_bucket: str
    top_factors: list[dict[str, Any]]
    recommendation: RecommendationRead | None
    age_hours: float


class CommandCenterRead(Output):
    """The morning queue of one coach (or admin)."""

    items: list[QueueItem]
    page: int
    page_size: int
    total: int
    buckets: dict[str, int]
    sla: dict[str, int]


class CaseloadRow(Output):
    """One athlete on the caseload page."""

    athlete_id: int
    name: str
    risk: float
    risk_bucket: str
    confidence: float | None
    readiness_score: float | None
    readiness_band: str | None
    readiness_trend: list[Any]
    form: float | None
    ctl: float | None
    acwr: float | None
    adherence_7d: float | None
    open_interventions: int
    top_factors: list[dict[str, Any]]
    last_checkin_date: date | None
    next_race_date: date | None


class CaseloadRead(Output):
    """A page of the caseload with counts per bucket."""

    items: list[CaseloadRow]
    page: int
    page_size: int
    total: int
    buckets: dict[str, int]
