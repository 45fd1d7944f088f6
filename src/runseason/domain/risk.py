"""One risk per athlete-day from many signals (SCIENCE.md section 10, docs/science.md).

Each signal gives a concern c in [0, 1] with the threshold that produced it, in plain words; a
noisy-OR with per-signal weights combines them, ``risk = 1 − Π(1 − wᵢcᵢ)``: monotone (a new
concern never lowers risk), bounded, and compounding several moderate signals. Each factor's
share is ``risk · ln(1 − wᵢcᵢ) / Σ ln(1 − wⱼcⱼ)``, so the shares add up to the risk. The weights
and thresholds are our documented defaults, not published constants; organizations tune them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_WEIGHTS: Mapping[str, float] = {
    "illness": 0.9,
    "pain": 0.9,
    "readiness": 0.6,
    "spike": 0.5,
    "acwr": 0.5,
    "hrv": 0.4,
    "wellness": 0.4,
    "ramp": 0.3,
    "form": 0.3,
    "monotony": 0.3,
    "strain": 0.3,
    "adherence": 0.3,
    "missed": 0.3,
    "silence": 0.3,
    "contact": 0.1,
    "race": 0.2,
}
SIGNALS = tuple(DEFAULT_WEIGHTS)
# Facts about the coach and the calendar rather than measurements of the athlete: they never
# count towards confidence, so an athlete with no data has a confidence of 0.
CONTEXT_SIGNALS = frozenset({"contact", "race"})
BUCKETS = ("stable", "watch", "at_risk")
# Bucket edges and the guardrail are compared after rounding to this many decimals, so that a
# risk equal to an edge in exact arithmetic (0.6 × 0.5 = 0.29999999999999993) reaches it.
EDGE_DECIMALS = 9


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where each tunable signal starts to worry (the organization's settings)."""

    pain: int = 4
    strain: float = 1000.0
    adherence_over: float = 1.2
    adherence_under: float = 0.6
    contact_days: int = 14
    race_days: int = 14
    acwr_min_days: int = 28
    form_min_days: int = 28
    ramp_min_days: int = 14
    monotony_min_days: int = 7


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class RiskInputs:
    """What is known about an athlete today (None where it could not be computed)."""

    checkin_fresh: bool = False
    illness: bool = False
    pain_severity: int | None = None
    pain_same_location_days: int = 0
    readiness_band: str | None = None
    readiness_drop_3d: float | None = None
    min_wellness_z: float | None = None
    hrv_z: float | None = None
    spike_ratio: float | None = None
    acwr: float | None = None
    ramp: float | None = None
    form: float | None = None
    monotony: float | None = None
    strain_7d: float | None = None
    adherence_7d: float | None = None
    missed_sessions_7d: int | None = None
    days_since_checkin: int | None = None
    days_since_coach_action: int | None = None
    days_to_a_race: int | None = None
    days_of_data: int = 0


@dataclass(frozen=True, slots=True)
class Signal:
    """One signal's concern, the threshold it crossed (plain words) and its share of the risk."""

    name: str
    concern: float
    weight: float
    threshold: str
    share: float = 0.0
    level: str = ""


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    """The combined risk, its bucket, how much fresh data it rests on, and its factors."""

    risk: float
    bucket: str
    confidence: float
    factors: tuple[Signal, ...]
    guardrail: bool


# A signal's concern, the threshold it crossed in plain words, and which of its levels it reached
# (the key of its answer in ``recommendations.SIGNAL_TABLE``).
Concern = tuple[float, str, str]
NONE: Concern = (0.0, "", "")


def percent(share: float) -> str:
    """A share as a whole percentage the way the product writes it ("68 %")."""
    return f"{share * 100:.0f} %"


def reaches(value: float, edge: float) -> bool:
    """Whether ``value`` is at or above ``edge``, compared at EDGE_DECIMALS decimals."""
    return round(value, EDGE_DECIMALS) >= round(edge, EDGE_DECIMALS)


def bucket_of(risk: float, at_risk_min: float = 0.6, watch_min: float = 0.3) -> str:
    """at_risk, watch or stable: the one bucket function of every view of a risk."""
    if reaches(risk, at_risk_min):
        return "at_risk"
    return "watch" if reaches(risk, watch_min) else "stable"


def noisy_or(terms: Mapping[str, float]) -> float:
    """``1 − Π(1 − tᵢ)`` over the weighted concerns tᵢ = wᵢcᵢ."""
    return 1.0 - math.prod(1.0 - t for t in terms.values())


def _pain(i: RiskInputs, t: Thresholds) -> Concern:
    severity = i.pain_severity
    if severity is None or severity <= 0:
        return NONE
    if severity >= t.pain:
        return 1.0, f"pain {severity}/10, at or above the stop-running line of {t.pain}", "high"
    if i.pain_same_location_days >= 2:
        return 0.6, f"pain {severity}/10 in the same place two days running", "same place"
    return 0.4, f"pain {severity}/10, below the stop-running line of {t.pain}", "low"


def _readiness(i: RiskInputs) -> Concern:
    if i.readiness_band == "red":
        return 1.0, "readiness in the red band", "red"
    if i.readiness_band == "amber":
        return 0.5, "readiness in the amber band", "amber"
    if i.readiness_drop_3d is not None and i.readiness_drop_3d > 15:
        drop = i.readiness_drop_3d
        return 0.5, f"readiness down {drop:.0f} points in 3 days (more than 15)", "falling"
    return NONE


def _wellness(i: RiskInputs) -> Concern:
    z = i.min_wellness_z
    if z is None or z > -1:
        return NONE
    if z <= -2:
        return 1.0, "a wellness answer far below this athlete's norm (2 SD or more)", "far below"
    return 0.5, "a wellness answer below this athlete's norm (1 SD or more)", "below"


def _hrv(i: RiskInputs) -> Concern:
    z = i.hrv_z
    if z is None or z > -0.5:
        return NONE
    if z <= -1:
        return 1.0, "heart-rate variability far below its baseline (1 SD or more)", "far below"
    return 0.6, "heart-rate variability below its baseline (half an SD or more)", "below"


def _spike(i: RiskInputs) -> Concern:
    ratio = i.spike_ratio
    if ratio is None or ratio <= 0.10:
        return NONE
    level, line = (1.0, 1.0) if ratio > 1.0 else (0.8, 0.3) if ratio > 0.30 else (0.5, 0.1)
    longer = f"a run {percent(ratio)} longer than the longest of the past 30 days"
    return level, f"{longer} (more than {percent(line)})", "above"


def _acwr(i: RiskInputs, t: Thresholds) -> Concern:
    if i.acwr is None or i.days_of_data < t.acwr_min_days or i.acwr <= 1.3:
        return NONE
    if i.acwr > 1.5:
        return 1.0, f"this week's load {i.acwr:.1f} times the usual (above 1.5)", "high"
    return 0.5, f"this week's load {i.acwr:.2f} times the usual (1.3 to 1.5)", "raised"


def _ramp(i: RiskInputs, t: Thresholds) -> Concern:
    if i.ramp is None or i.days_of_data < t.ramp_min_days or i.ramp <= 8:
        return NONE
    return 0.6, f"fitness rising {i.ramp:.0f} points a week (more than 8)", "above"


def _form(i: RiskInputs, t: Thresholds) -> Concern:
    if i.form is None or i.days_of_data < t.form_min_days or i.form > -30:
        return NONE
    return 0.7, f"deep fatigue: form at {i.form:.0f} (−30 or lower)", "above"


def _monotony(i: RiskInputs, t: Thresholds) -> Concern:
    if i.monotony is None or i.days_of_data < t.monotony_min_days or i.monotony <= 2.0:
        return NONE
    return 0.5, f"the same load day after day (monotony {i.monotony:.1f}, above 2.0)", "above"


def _strain(i: RiskInputs, t: Thresholds) -> Concern:
    s = i.strain_7d
    if s is None or i.days_of_data < t.monotony_min_days or s <= t.strain:
        return NONE
    return 0.6, f"a heavy, monotonous week (strain {s:,.0f}, above {t.strain:,.0f})", "above"


def _adherence(i: RiskInputs, t: Thresholds) -> Concern:
    a, over, under = i.adherence_7d, t.adherence_over, t.adherence_under
    if a is None:
        return NONE
    if a > over:
        return (
            0.6,
            f"did {percent(a)} of the planned load this week (above {percent(over)})",
            "over",
        )
    if a < t.adherence_under:
        return (
            0.5,
            f"did {percent(a)} of the planned load this week (below {percent(under)})",
            "under",
        )
    return NONE


def _count(value: int | None, at_least: int, level: float, words: str) -> Concern:
    """A concern once a count of days or sessions reaches ``at_least``."""
    if value is None or value < at_least:
        return NONE
    return level, words.format(n=value, line=at_least), "above"


def _race(i: RiskInputs, t: Thresholds) -> Concern:
    d = i.days_to_a_race
    if d is None or d < 0 or d > t.race_days:
        return NONE
    return (1.0 if d <= 7 else 0.5), f"an A race in {d} days (within {t.race_days})", "near"


def concerns(i: RiskInputs, t: Thresholds = DEFAULT_THRESHOLDS) -> dict[str, Concern]:
    """Every signal's concern and the threshold it crossed, in plain words."""
    return {
        "illness": (1.0, "feeling ill", "ill") if i.illness else NONE,
        "pain": _pain(i, t),
        "readiness": _readiness(i),
        "wellness": _wellness(i),
        "hrv": _hrv(i),
        "spike": _spike(i),
        "acwr": _acwr(i, t),
        "ramp": _ramp(i, t),
        "form": _form(i, t),
        "monotony": _monotony(i, t),
        "strain": _strain(i, t),
        "adherence": _adherence(i, t),
        "missed": _count(
            i.missed_sessions_7d, 3, 0.6, "{n} planned sessions missed in 7 days ({line} or more)"
        ),
        "silence": _count(
            i.days_since_checkin, 3, 0.5, "no check-in for {n} days ({line} or more)"
        ),
        "contact": _count(
            i.days_since_coach_action,
            t.contact_days,
            1.0,
            "no word from the coach for {n} days ({line} or more)",
        ),
        "race": _race(i, t),
    }


def _available(i: RiskInputs, t: Thresholds) -> dict[str, bool]:
    """Whether each measured signal rests on data (a spike needs a logged run, silence a first
    check-in; the load trends need their days of history)."""
    fresh, days = i.checkin_fresh, i.days_of_data
    return {
        "illness": fresh,
        "pain": fresh,
        "readiness": fresh and i.readiness_band is not None,
        "wellness": fresh and i.min_wellness_z is not None,
        "hrv": i.hrv_z is not None,
        "spike": i.spike_ratio is not None,
        "acwr": i.acwr is not None and days >= t.acwr_min_days,
        "ramp": i.ramp is not None and days >= t.ramp_min_days,
        "form": i.form is not None and days >= t.form_min_days,
        "monotony": i.monotony is not None and days >= t.monotony_min_days,
        "strain": i.strain_7d is not None and days >= t.monotony_min_days,
        "adherence": i.adherence_7d is not None,
        "missed": i.missed_sessions_7d is not None,
        "silence": i.days_since_checkin is not None,
    }


def confidence_of(inputs: RiskInputs, weights: Mapping[str, float], t: Thresholds) -> float:
    """The weighted share of the measured signals that could be computed (0 with no data)."""
    available = _available(inputs, t)
    total = sum(weights[name] for name in available)
    known = sum(weights[name] for name, ok in available.items() if ok)
    return known / total if total else 0.0


def _factors(found: Mapping[str, Concern], w: Mapping[str, float]) -> tuple[float, list[Signal]]:
    terms = {name: w[name] * c for name, (c, *_) in found.items() if c > 0 and w[name] > 0}
    risk = noisy_or(terms)
    logs = {name: math.log1p(-term) for name, term in terms.items()}
    total_log = sum(logs.values())
    factors = [
        Signal(name, c, w[name], words, risk * logs[name] / total_log, level)
        for name, (c, words, level) in found.items()
        if name in terms
    ]
    return risk, sorted(factors, key=lambda s: -s.share)


def assess(
    inputs: RiskInputs,
    weights: Mapping[str, float] | None = None,
    *,
    at_risk_min: float = 0.6,
    watch_min: float = 0.3,
    guardrail: float = 0.85,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> RiskAssessment:
    """Combine the signals into one risk with factor shares, confidence and bucket."""
    w = {**DEFAULT_WEIGHTS, **(weights or {})}
    risk, factors = _factors(concerns(inputs, thresholds), w)
    return RiskAssessment(
        risk=risk,
        bucket=bucket_of(risk, at_risk_min, watch_min),
        confidence=confidence_of(inputs, w, thresholds),
        factors=tuple(factors),
        guardrail=reaches(risk, guardrail),
    )
