"""From signals to a recommendation a coach reads in five seconds (docs/science.md, "Every signal
has an answer").

Every signal above its threshold has an answer in ``SIGNAL_TABLE``. At watch or at-risk the most
cautious answer among the day's factors is the recommendation, so such an athlete never gets
"progress"; it names the signal that drove it and its threshold in plain words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from runseason.domain.risk import RiskAssessment, Signal, percent, reaches

# Recommendation types, most cautious first: the first of the factors' answers wins.
TYPES = (
    "medical_referral",
    "rest_day",
    "talk_to_coach",
    "swap_session",
    "reduce_load",
    "drop_intensity",
    "check_in",
    "return_to_run",
    "progress",
)
TYPE_TITLES: Mapping[str, str] = {
    "medical_referral": "Refer to a clinician",
    "rest_day": "Rest: no running",
    "talk_to_coach": "Talk to the coach before the next session",
    "swap_session": "Swap the next session for a recovery run",
    "reduce_load": "Reduce volume",
    "drop_intensity": "Drop the intensity: easy running only",
    "check_in": "Check in with the athlete",
    "return_to_run": "Start the return-to-run progression",
    "progress": "Progress as planned",
}
# Answers that stand at any bucket (a stable athlete still gets a referral or a word).
ANY_BUCKET = frozenset({"medical_referral", "rest_day", "check_in"})
# Types the engine may apply by itself in automatic mode (never at at-risk or the guardrail).
AUTO_SAFE = frozenset({"check_in", "swap_session", "reduce_load", "drop_intensity"})
# Plan changes the athlete may accept themselves in assisted mode (below the guardrail).
ATHLETE_MAY_ACCEPT = frozenset({"swap_session", "reduce_load", "drop_intensity"})
SEVERE_PAIN = 7  # pain at or above this goes to a clinician at once
PERSISTING_DAYS = 3  # illness or pain at the line this many days running goes to a clinician


@dataclass(frozen=True, slots=True)
class Answer:
    """What to do about one signal at one level."""

    type: str
    action: Mapping[str, Any]
    when: str  # the level in plain words, for the table in docs/science.md


_REDUCE_SOME = {"kind": "reduce_volume", "days": 3, "factor": 0.85}
_REDUCE = {"kind": "reduce_volume", "days": 5, "factor": 0.8}
_REDUCE_MORE = {"kind": "reduce_volume", "days": 7, "factor": 0.7}
_RECOVERY = {"kind": "swap_recovery", "duration_s": 1800}
_EASY = {"kind": "drop_intensity", "days": 1}
_REST = {"kind": "rest", "days": 1}
_REFER = {"kind": "referral"}
_TALK = {"kind": "talk"}
_CONTACT = {"kind": "contact"}

# (signal, level) → its answer. The level is the one ``risk.concerns`` reports.
SIGNAL_TABLE: Mapping[tuple[str, str], Answer] = {
    ("illness", "ill"): Answer("rest_day", _REST, "feeling ill"),
    ("illness", "persisting"): Answer("medical_referral", _REFER, "ill 3 days running"),
    ("pain", "low"): Answer("drop_intensity", _EASY, "pain 1 to 3 out of 10"),
    ("pain", "same place"): Answer("talk_to_coach", _TALK, "pain in one place two days running"),
    ("pain", "high"): Answer("rest_day", _REST, "pain at or above the line (4 by default)"),
    ("pain", "persisting"): Answer(
        "medical_referral", _REFER, "pain 7 or more, or at the line 3 days running"
    ),
    ("readiness", "red"): Answer("swap_session", _RECOVERY, "readiness red"),
    ("readiness", "amber"): Answer("drop_intensity", _EASY, "readiness amber"),
    ("readiness", "falling"): Answer("drop_intensity", _EASY, "readiness down 15+ in 3 days"),
    ("wellness", "far below"): Answer("swap_session", _RECOVERY, "a wellness answer 2 SD low"),
    ("wellness", "below"): Answer("drop_intensity", _EASY, "a wellness answer 1 SD low"),
    ("hrv", "far below"): Answer("swap_session", _RECOVERY, "HRV trend 1 SD below baseline"),
    ("hrv", "below"): Answer("drop_intensity", _EASY, "HRV trend half an SD below baseline"),
    ("spike", "above"): Answer("reduce_load", _REDUCE, "a run 10 % longer than the 30-day longest"),
    ("acwr", "raised"): Answer("reduce_load", _REDUCE_SOME, "acute:chronic load 1.3 to 1.5"),
    ("acwr", "high"): Answer("reduce_load", _REDUCE_MORE, "acute:chronic load above 1.5"),
    ("ramp", "above"): Answer("reduce_load", _REDUCE, "fitness rising 8+ points a week"),
    ("form", "above"): Answer("reduce_load", _REDUCE_MORE, "form −30 or lower"),
    ("monotony", "above"): Answer("swap_session", _RECOVERY, "monotony above 2.0"),
    ("strain", "above"): Answer("reduce_load", _REDUCE, "7-day strain above its line"),
    ("adherence", "over"): Answer("talk_to_coach", _TALK, "more than 120 % of the planned load"),
    ("adherence", "under"): Answer("check_in", _CONTACT, "less than 60 % of the planned load"),
    ("missed", "above"): Answer("check_in", _CONTACT, "3+ planned sessions missed in 7 days"),
    ("silence", "above"): Answer("check_in", _CONTACT, "no check-in for 3+ days"),
    ("contact", "above"): Answer("check_in", _CONTACT, "no word from the coach for 14+ days"),
    ("race", "near"): Answer("talk_to_coach", _TALK, "an A race within 14 days"),
}


@dataclass(frozen=True, slots=True)
class Proposal:
    """The recommended action, why, and the change it would make to the plan."""

    type: str
    title: str
    rationale: str
    action: dict[str, Any] = field(default_factory=dict)
    signal: str = ""  # the signal that drove it ("" when nothing did)


@dataclass(frozen=True, slots=True)
class Health:
    """The streaks and the health history the answers to illness and pain depend on."""

    illness_days: int = 0
    pain_days: int = 0
    pain_severity: int | None = None
    case_closed_recently: bool = False


def _level(signal: Signal, health: Health) -> str:
    """The signal's level, escalated when illness or pain persists or pain is severe."""
    if signal.name == "illness" and health.illness_days >= PERSISTING_DAYS:
        return "persisting"
    if signal.name == "pain" and signal.level == "high":
        severe = (health.pain_severity or 0) >= SEVERE_PAIN
        if severe or health.pain_days >= PERSISTING_DAYS:
            return "persisting"
    return signal.level


def answer_to(signal: Signal, health: Health = Health()) -> Answer:
    """The table's answer to one factor."""
    return SIGNAL_TABLE[(signal.name, _level(signal, health))]


def _title(answer: Answer, driver: Signal) -> str:
    base = TYPE_TITLES[answer.type]
    if answer.type == "reduce_load":
        days, factor = answer.action["days"], answer.action["factor"]
        base = f"Reduce volume by {percent(1 - factor)} for {days} days"
    return f"{base}: {driver.threshold}"


def _rationale(driver: Signal, others: list[tuple[Signal, Answer]]) -> str:
    text = f"Because of {driver.threshold}."
    if others:
        also = "; ".join(f"{s.threshold} ({TYPE_TITLES[a.type].lower()})" for s, a in others[:3])
        text += f" Also: {also}."
    return text


def _quiet(assessment: RiskAssessment, health: Health) -> Proposal:
    """The answer when no factor's answer applies: return-to-run after a health case, or
    progress (which says "all clear" only when no signal is above its threshold)."""
    if health.case_closed_recently:
        return Proposal(
            "return_to_run",
            TYPE_TITLES["return_to_run"],
            "A health case closed: walk-run first, then rebuild easy volume over 2–4 weeks.",
            {"kind": "return_to_run", "weeks": 3},
        )
    minor = "; ".join(f.threshold for f in assessment.factors[:3])
    rationale = f"Stable; keep an eye on {minor}." if minor else "All clear: no signal is raised."
    return Proposal("progress", TYPE_TITLES["progress"], rationale, {"kind": "none"})


def propose(
    assessment: RiskAssessment,
    *,
    illness_days: int = 0,
    pain_days: int = 0,
    pain_severity: int | None = None,
    health_case_closed_recently: bool = False,
) -> Proposal:
    """The most cautious answer among the day's factors, naming the signal that drove it."""
    health = Health(illness_days, pain_days, pain_severity, health_case_closed_recently)
    answered = [(f, answer_to(f, health)) for f in assessment.factors]
    if assessment.bucket == "stable":
        answered = [(f, a) for f, a in answered if a.type in ANY_BUCKET]
    if not answered:
        return _quiet(assessment, health)
    answered.sort(key=lambda pair: (TYPES.index(pair[1].type), -pair[0].share))
    driver, answer = answered[0]
    return Proposal(
        answer.type,
        _title(answer, driver)[:200],
        _rationale(driver, answered[1:]),
        dict(answer.action),
        driver.name,
    )


def decide(
    proposal: Proposal, assessment: RiskAssessment, automation_mode: str, at_risk_min: float = 0.6
) -> tuple[str, bool]:
    """(decision, requires_coach): the guardrail and the automation mode decide who acts.

    Nothing at or above the guardrail is applied without the coach; automatic mode applies the
    safe types below the at-risk line; assisted mode asks the athlete about a safe plan change.
    """
    if assessment.guardrail:
        return "await_coach", True
    if proposal.type == "progress":
        return "informational", False
    safe = proposal.type in AUTO_SAFE
    if automation_mode == "automatic" and safe and not reaches(assessment.risk, at_risk_min):
        return "auto_apply", False
    if automation_mode == "assisted" and proposal.type in ATHLETE_MAY_ACCEPT:
        return "ask_athlete", False
    if automation_mode == "assisted" and proposal.type == "check_in":
        return "informational", False
    return "await_coach", True
