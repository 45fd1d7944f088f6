"""When a coach must look: opening, merging, cooling down, clearing and aging interventions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from runseason.domain.risk import RiskAssessment, percent, reaches

CAUSE_OF_SIGNAL = {
    "illness": "illness",
    "pain": "pain",
    "readiness": "readiness",
    "wellness": "readiness",
    "hrv": "readiness",
    "spike": "load",
    "acwr": "load",
    "ramp": "load",
    "form": "load",
    "monotony": "load",
    "strain": "load",
    "adherence": "adherence",
    "missed": "adherence",
    "silence": "silence",
    "contact": "silence",
    "race": "race",
}


@dataclass(frozen=True, slots=True)
class InterventionRules:
    """The organization's thresholds (from its settings)."""

    open_threshold: float = 0.6
    pain_severity: int = 4
    red_days: int = 2
    missed_sessions: int = 3
    silence_days: int = 3
    sla_fresh_hours: int = 24
    sla_overdue_hours: int = 72
    cooldown_hours: int = 72
    guardrail: float = 0.85
    at_risk_min: float = 0.6
    cleared_after_days: int = 3
    auto_resolve_after_hours: int = 24


@dataclass(frozen=True, slots=True)
class Trigger:
    """Why an intervention should be open for one cause."""

    cause: str
    title: str


def triggers(
    assessment: RiskAssessment,
    rules: InterventionRules,
    *,
    pain_severity: int | None = None,
    red_days: int = 0,
    missed_sessions: int | None = None,
    silent_days: int | None = None,
) -> list[Trigger]:
    """The causes that need a coach today (one per cause)."""
    found: dict[str, Trigger] = {}
    if reaches(assessment.risk, rules.open_threshold) and assessment.factors:
        top = assessment.factors[0]
        cause = CAUSE_OF_SIGNAL.get(top.name, top.name)
        # The title says why; the risk is the athlete's current one, shown beside it (one number).
        reason = top.threshold or top.name
        found[cause] = Trigger(cause, reason[:1].upper() + reason[1:])
    if pain_severity is not None and pain_severity >= rules.pain_severity:
        found["pain"] = Trigger(
            "pain", f"Pain {pain_severity}/10 reported (the line is {rules.pain_severity})"
        )
    if red_days >= rules.red_days:
        found.setdefault(
            "readiness", Trigger("readiness", f"Readiness red {red_days} days running")
        )
    if missed_sessions is not None and missed_sessions >= rules.missed_sessions:
        found.setdefault(
            "adherence", Trigger("adherence", f"{missed_sessions} sessions missed in 7 days")
        )
    if silent_days is not None and silent_days >= rules.silence_days:
        found.setdefault("silence", Trigger("silence", f"No check-in for {silent_days} days"))
    return list(found.values())


def in_cooldown(
    resolved_at: datetime | None, now: datetime, risk: float, rules: InterventionRules
) -> bool:
    """A cause resolved recently stays quiet unless the risk reaches the guardrail."""
    if resolved_at is None or reaches(risk, rules.guardrail):
        return False
    return now - resolved_at < timedelta(hours=rules.cooldown_hours)


def stable_streak(buckets_newest_first: Iterable[str | None]) -> int:
    """How many days running, up to today, the athlete's risk has been stable."""
    count = 0
    for bucket in buckets_newest_first:
        if bucket != "stable":
            break
        count += 1
    return count


def clearance(
    stable_days: int, cleared_at: datetime | None, now: datetime, rules: InterventionRules
) -> str:
    """``active`` while the cause holds; ``cleared`` once the athlete has been stable for
    ``cleared_after_days``; ``resolve`` when it has stayed cleared ``auto_resolve_after_hours``."""
    if stable_days < rules.cleared_after_days:
        return "active"
    if cleared_at is None:
        return "cleared"
    waited = now - cleared_at >= timedelta(hours=rules.auto_resolve_after_hours)
    return "resolve" if waited else "cleared"


def sla_state(opened_at: datetime, now: datetime, rules: InterventionRules) -> str:
    """fresh, due or overdue by the hours since it opened."""
    age_h = (now - opened_at).total_seconds() / 3600
    if age_h < rules.sla_fresh_hours:
        return "fresh"
    return "due" if age_h < rules.sla_overdue_hours else "overdue"


def opening_note(opened_at: datetime, now: datetime, risk_at_opening: float) -> str:
    """The intervention's risk when it opened, as history ("opened 12 days ago at 68 %")."""
    days = (now - opened_at).days
    when = "today" if days <= 0 else "yesterday" if days == 1 else f"{days} days ago"
    return f"opened {when} at {percent(risk_at_opening)}"


SLA_ORDER = {"overdue": 0, "due": 1, "fresh": 2}


def priority(risk: float, sla: str, at_risk_min: float = 0.6) -> tuple[int, float]:
    """Sort key for the queue: at-risk first by risk, then overdue before due before fresh."""
    return (0 if reaches(risk, at_risk_min) else 1 + SLA_ORDER[sla], -risk)
