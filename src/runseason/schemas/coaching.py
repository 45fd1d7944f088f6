"""The coaching engine at the boundary: recommendations, interventions, the queue, the caseload."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Literal

from pydantic import Field, computed_field

from runseason.domain.interventions import opening_note
from runseason.schemas.common import Input, Output

DECISION_WORDS = {
    "await_coach": "Waits for the coach",
    "ask_athlete": "Suggested to the athlete",
    "auto_apply": "Applied by the engine (automatic mode)",
    "informational": "For information: nothing to decide",
}
STATUS_WORDS = {
    "open": "Open",
    "applied": "Applied",
    "awaiting_athlete": "Waiting for the athlete",
    "dismissed": "Dismissed",
    "superseded": "Replaced by a newer recommendation",
}


class RecommendationRead(Output):
    """What the engine proposes for an athlete-day (codes, each with its words beside it)."""

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
    decided_at: datetime | None = None  # when the coach applied or dismissed it
    athlete_answer: str | None = None  # assisted mode: "accepted" or "declined"
    athlete_answered_at: datetime | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def decision_label(self) -> str:
        """Who acts on it, in words ("Waits for the coach")."""
        return DECISION_WORDS.get(self.decision, self.decision.replace("_", " ").capitalize())

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status_label(self) -> str:
        """Where it stands, in words ("Applied")."""
        return STATUS_WORDS.get(self.status, self.status.replace("_", " ").capitalize())


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
    severity: float  # the risk when it opened
    cleared_at: datetime | None  # when the athlete's stable streak cleared its cause
    sla: str = "fresh"


class InterventionResolve(Input):
    """How an intervention ended."""

    outcome: str = Field(min_length=3, max_length=500)


class InterventionSnooze(Input):
    """Put an intervention aside for some hours."""

    hours: int = Field(ge=1, le=24 * 14)


class QueueItem(Output):
    """One row of the Command Center: one risk, the athlete's current one, with its bucket and
    factors; the intervention's risk at opening is history (``opened``)."""

    intervention: InterventionRead
    athlete_name: str
    readiness_band: str | None
    risk: float
    risk_bucket: str
    top_factors: list[dict[str, Any]]
    recommendation: RecommendationRead | None
    age_hours: float

    @computed_field  # type: ignore[prop-decorator]
    @property
    def opened(self) -> str:
        """When the intervention opened and at what risk ("opened 12 days ago at 68 %")."""
        opened_at = self.intervention.opened_at
        now = opened_at + timedelta(hours=self.age_hours)
        return opening_note(opened_at, now, self.intervention.severity)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def cause_cleared(self) -> bool:
        """The athlete has been stable long enough: the item resolves itself soon."""
        return self.intervention.cleared_at is not None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def why(self) -> list[str]:
        """The current factors in plain words, else the evidence the intervention opened on."""
        found = [str(f["threshold"]) for f in self.top_factors if f.get("threshold")]
        if found:
            return found
        return [
            str(e["why"])
            for e in self.intervention.evidence
            if isinstance(e, dict) and e.get("why")
        ]


class RiskDay(Output):
    """One day of an athlete's risk, for the history behind today's."""

    day: date
    risk: float
    bucket: str


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


class AutomationUpdate(Input):
    """A coach's or an athlete's automation mode; no mode falls back to the wider setting."""

    mode: Literal["manual", "assisted", "automatic"] | None


class AutomationRead(Output):
    """The automation mode set for (or applying to) a coach or an athlete."""

    scope: Literal["coach", "athlete"]
    subject_id: int
    mode: Literal["manual", "assisted", "automatic"] | None


class SuggestionRead(Output):
    """What the athlete sees of a suggestion in assisted mode, and their answer."""

    id: int
    local_date: date
    title: str
    rationale: str
    answer: Literal["accepted", "declined"] | None
    answered_at: datetime | None


class SuggestionAnswer(Input):
    """The athlete's answer to a suggestion."""

    answer: Literal["accept", "decline"]
