"""One risk per athlete-day from many signals (SCIENCE.md section 10).

Each signal gives a concern c in [0, 1] with the threshold that produced it; a noisy-OR with
per-signal weights combines them, ``risk = 1 − Π(1 − wᵢcᵢ)``: monotone (a new concern never
lowers risk), bounded, and compounding several moderate signals. Each factor's share is
``risk · ln(1 − wᵢcᵢ) / Σ ln(1 − wⱼcⱼ)``, so the shares add up to the risk. These weights and
thresholds are our documented defaults, not published constants; organizations tune them.
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
    "missed": 0.3,
    "silence": 0.3,
}


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
    missed_sessions_7d: int | None = None
    days_since_checkin: int | None = None
    days_of_data: int = 0


@dataclass(frozen=True, slots=True)
class Signal:
    """One signal's concern, the threshold it crossed and its share of the risk."""

    name: str
    concern: float
    weight: float
    threshold: str
    share: float = 0.0


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    """The combined risk, its bucket, how much fresh data it rests on, and its factors."""

    risk: float
    bucket: str
    confidence: float
    factors: tuple[Signal, ...]
    guardrail: bool


def _pain(i: RiskInputs) -> tuple[float, str]:
    if i.pain_severity is None or i.pain_severity == 0:
        return 0.0, ""
    if i.pain_severity >= 4:
        return 1.0, f"pain {i.pain_severity}/10 (≥ 4)"
    concern = 0.6 if i.pain_same_location_days >= 2 else 0.4
    return concern, f"pain {i.pain_severity}/10" + (" two days running" if concern > 0.4 else "")


def _readiness(i: RiskInputs) -> tuple[float, str]:
    if i.readiness_band == "red":
        return 1.0, "readiness red"
    if i.readiness_band == "amber":
        return 0.5, "readiness amber"
    if i.readiness_drop_3d is not None and i.readiness_drop_3d > 15:
        return 0.5, f"readiness down {i.readiness_drop_3d:.0f} points in 3 days (> 15)"
    return 0.0, ""


def _stepped(
    value: float | None, steps: tuple[tuple[float, float], ...], label: str
) -> tuple[float, str]:
    """The concern of the highest step the value exceeds (steps ascending)."""
    if value is None:
        return 0.0, ""
    concern, crossed = 0.0, None
    for threshold, level in steps:
        if value > threshold:
            concern, crossed = level, threshold
    return concern, f"{label} {value:.2f} (> {crossed:g})" if crossed is not None else ""


def _below(
    value: float | None, steps: tuple[tuple[float, float], ...], label: str
) -> tuple[float, str]:
    """Like ``_stepped`` for signals that worry when low (steps descending)."""
    if value is None:
        return 0.0, ""
    concern, crossed = 0.0, None
    for threshold, level in steps:
        if value <= threshold:
            concern, crossed = level, threshold
    return concern, f"{label} {value:.1f} (≤ {crossed:g})" if crossed is not None else ""


def concerns(i: RiskInputs) -> dict[str, tuple[float, str]]:
    """Every signal's concern and the threshold it crossed."""
    out: dict[str, tuple[float, str]] = {
        "illness": (1.0, "feeling ill") if i.illness else (0.0, ""),
        "pain": _pain(i),
        "readiness": _readiness(i),
        "wellness": _below(i.min_wellness_z, ((-1.0, 0.5), (-2.0, 1.0)), "a wellness item at z"),
        "hrv": _below(i.hrv_z, ((-0.5, 0.6), (-1.0, 1.0)), "HRV trend at z"),
        "spike": _stepped(
            i.spike_ratio, ((0.10, 0.5), (0.30, 0.8), (1.0, 1.0)), "longest-run spike ratio"
        ),
        "acwr": _stepped(
            i.acwr if i.days_of_data >= 28 else None, ((1.3, 0.5), (1.5, 1.0)), "ACWR"
        ),
        "ramp": _stepped(i.ramp, ((8.0, 0.6),), "fitness ramp per week"),
        "form": _below(i.form, ((-30.0, 0.7),), "form"),
        "monotony": _stepped(i.monotony, ((2.0, 0.5),), "monotony"),
        "missed": _stepped(
            float(i.missed_sessions_7d) if i.missed_sessions_7d is not None else None,
            ((2.5, 0.6),),
            "missed sessions in 7 days",
        ),
        "silence": _stepped(
            float(i.days_since_checkin) if i.days_since_checkin is not None else None,
            ((2.5, 0.5),),
            "days without a check-in",
        ),
    }
    return out


def _available(i: RiskInputs) -> dict[str, bool]:
    fresh = i.checkin_fresh
    return {
        "illness": fresh,
        "pain": fresh,
        "readiness": fresh,
        "wellness": fresh and i.min_wellness_z is not None,
        "hrv": i.hrv_z is not None,
        "spike": True,
        "acwr": i.days_of_data >= 28,
        "ramp": i.days_of_data >= 8,
        "form": i.days_of_data >= 1,
        "monotony": i.days_of_data >= 7,
        "missed": i.missed_sessions_7d is not None,
        "silence": True,
    }


def bucket_of(risk: float, at_risk_min: float = 0.6, watch_min: float = 0.3) -> str:
    """at_risk, watch or stable."""
    if risk >= at_risk_min:
        return "at_risk"
    return "watch" if risk >= watch_min else "stable"


def assess(
    inputs: RiskInputs,
    weights: Mapping[str, float] | None = None,
    *,
    at_risk_min: float = 0.6,
    watch_min: float = 0.3,
    guardrail: float = 0.85,
) -> RiskAssessment:
    """Combine the signals into one risk with factor shares, confidence and bucket."""
    w = {**DEFAULT_WEIGHTS, **(weights or {})}
    found = concerns(inputs)
    logs = {
        name: math.log1p(-w[name] * c) for name, (c, _) in found.items() if c > 0 and w[name] > 0
    }
    risk = 1.0 - math.exp(sum(logs.values()))
    total_log = sum(logs.values())
    factors = tuple(
        sorted(
            (
                Signal(
                    name,
                    found[name][0],
                    w[name],
                    found[name][1],
                    risk * logs[name] / total_log if total_log else 0.0,
                )
                for name in logs
            ),
            key=lambda s: -s.share,
        )
    )
    available = _available(inputs)
    confidence = sum(w[n] for n, ok in available.items() if ok) / sum(w.values())
    return RiskAssessment(
        risk=risk,
        bucket=bucket_of(risk, at_risk_min, watch_min),
        confidence=confidence,
        factors=factors,
        guardrail=risk > guardrail,
    )
