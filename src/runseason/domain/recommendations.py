"""From signals to a recommendation a coach reads in five seconds (SCIENCE.md section 10)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from runseason.domain.risk import RiskAssessment

LOAD_SIGNALS = ("spike", "acwr", "ramp", "form", "monotony")
# Types the engine may apply by itself in automatic mode (never above the guardrail).
AUTO_SAFE = frozenset({"progress", "check_in", "swap_session", "reduce_load"})


@dataclass(frozen=True, slots=True)
class Proposal:
    """The recommended action, why, and the change it would make to the plan."""

    type: str
    title: str
    rationale: str
    action: dict[str, Any] = field(default_factory=dict)


def _reasons(assessment: RiskAssessment, limit: int = 3) -> str:
    texts = [f.threshold for f in assessment.factors[:limit] if f.threshold]
    return "; ".join(texts)


def _health_proposal(
    names: set[str], why: str, illness_days: int, pain_days: int, pain_severity: int | None
) -> Proposal | None:
    if "illness" in names:
        if illness_days >= 3:
            return Proposal(
                "medical_referral",
                "Refer to a doctor: ill for 3 days",
                f"Ill {illness_days} days running; {why}.",
                {"kind": "referral"},
            )
        return Proposal("rest_day", "Rest: feeling ill", f"{why}.", {"kind": "rest", "days": 1})
    if "pain" in names and (pain_severity or 0) >= 4:
        if pain_days >= 3 or (pain_severity or 0) >= 7:
            return Proposal(
                "medical_referral",
                "No running; refer to a physio",
                f"Pain {pain_severity}/10 for {pain_days} day(s); {why}.",
                {"kind": "referral"},
            )
        return Proposal(
            "rest_day", "No running today (pain)", f"{why}.", {"kind": "rest", "days": 1}
        )
    return None


def propose(
    assessment: RiskAssessment,
    *,
    illness_days: int = 0,
    pain_days: int = 0,
    pain_severity: int | None = None,
    health_case_closed_recently: bool = False,
) -> Proposal:
    """The recommendation type for the strongest signals."""
    names = {f.name for f in assessment.factors}
    why = _reasons(assessment)
    health = _health_proposal(names, why, illness_days, pain_days, pain_severity)
    if health is not None:
        return health
    if "readiness" in names and any(
        f.name == "readiness" and f.concern >= 1 for f in assessment.factors
    ):
        return Proposal(
            "swap_session",
            "Swap today's session for a recovery run",
            f"{why}.",
            {"kind": "swap_recovery", "duration_s": 1800},
        )
    if names & set(LOAD_SIGNALS) and assessment.bucket != "stable":
        return Proposal(
            "reduce_load",
            "Reduce volume 20 % for the next 5 days",
            f"{why}.",
            {"kind": "reduce_volume", "days": 5, "factor": 0.8},
        )
    if names & {"missed", "silence"}:
        return Proposal("check_in", "Check in with the athlete", f"{why}.", {"kind": "contact"})
    if health_case_closed_recently:
        return Proposal(
            "return_to_run",
            "Start the return-to-run progression",
            "A health case closed: walk-run first, then rebuild easy volume over 2–4 weeks.",
            {"kind": "return_to_run", "weeks": 3},
        )
    return Proposal(
        "progress",
        "Progress as planned",
        "All clear: no signal above its threshold.",
        {"kind": "none"},
    )


def decide(
    proposal: Proposal, assessment: RiskAssessment, automation_mode: str, at_risk_min: float = 0.6
) -> tuple[str, bool]:
    """(decision, requires_coach): the guardrail and the automation mode decide who acts."""
    if assessment.guardrail:
        return "await_coach", True
    if proposal.type == "progress":
        return "informational", False
    if (
        automation_mode == "automatic"
        and proposal.type in AUTO_SAFE
        and assessment.risk < at_risk_min
    ):
        return "auto_apply", False
    if automation_mode == "assisted" and proposal.type == "check_in":
        return "informational", False
    return "await_coach", True
