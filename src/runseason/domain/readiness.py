"""Readiness from the morning check-in (SCIENCE.md section 6).

A weighted composite of the 1–5 items (5 = best) mapped to 0–100 and banded; once 14 days of
history exist, each item is also compared with the athlete's own trailing 28 days, and the factors
say why ("sleep 2/5, 1.8 SD below your norm"). Illness and pain cap the band at red.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

ITEMS = ("sleep_quality", "energy", "recovery", "stress", "mood")
LABELS = {
    "sleep_quality": "sleep",
    "energy": "energy",
    "recovery": "recovery",
    "stress": "stress (5 = relaxed)",
    "mood": "mood",
}


@dataclass(frozen=True, slots=True)
class CheckInValues:
    """What the athlete reported this morning."""

    sleep_quality: int
    energy: int
    recovery: int
    stress: int
    mood: int | None = None
    sleep_hours: float | None = None
    resting_hr: int | None = None
    hrv_rmssd: float | None = None
    illness: bool = False
    pain_severity: int | None = None


@dataclass(frozen=True, slots=True)
class ReadinessParams:
    """Weights and thresholds (the organization's effective settings)."""

    weights: Mapping[str, float] = field(
        default_factory=lambda: {
            "sleep_quality": 0.30,
            "energy": 0.25,
            "recovery": 0.25,
            "stress": 0.20,
            "mood": 0.0,
        }
    )
    green_min: int = 70
    amber_min: int = 50
    baseline_min_days: int = 14
    baseline_window_days: int = 28
    z_clip: float = 3.0
    cap_pain_severity: int = 4


@dataclass(frozen=True, slots=True)
class Factor:
    """One reason behind the score."""

    item: str
    value: float
    z: float | None
    flag: str  # "ok", "yellow" or "red"
    text: str


@dataclass(frozen=True, slots=True)
class Readiness:
    """The score, its band and the factors that explain it."""

    score: float
    band: str
    factors: tuple[Factor, ...]
    baseline_used: bool
    capped_by: str | None


def composite(values: CheckInValues, weights: Mapping[str, float]) -> float:
    """Weighted mean of the items present, mapped from 1–5 to 0–100."""
    total = weight_sum = 0.0
    for item in ITEMS:
        value = getattr(values, item)
        weight = weights.get(item, 0.0)
        if value is None or weight <= 0:
            continue
        total += weight * (value - 1) / 4 * 100
        weight_sum += weight
    return total / weight_sum if weight_sum else 0.0


def band_of(score: float, params: ReadinessParams) -> str:
    """green, amber or red by the configured thresholds."""
    if score >= params.green_min:
        return "green"
    return "amber" if score >= params.amber_min else "red"


def _z(value: float, history: Sequence[float], clip: float) -> float | None:
    if len(history) < 2:
        return None
    sd = statistics.pstdev(history)
    if sd == 0:
        return None
    return max(-clip, min(clip, (value - statistics.fmean(history)) / sd))


def _flag(z: float | None) -> str:
    if z is None or z > -1:
        return "ok"
    return "red" if z <= -2 else "yellow"


def item_factors(
    values: CheckInValues, history: Sequence[CheckInValues], params: ReadinessParams
) -> list[Factor]:
    """Each item with its z-score against the athlete's own trailing window (when enough days)."""
    window = list(history)[-params.baseline_window_days :]
    use_baseline = len(window) >= params.baseline_min_days
    factors = []
    for item in ITEMS:
        value = getattr(values, item)
        if value is None:
            continue
        past = [getattr(h, item) for h in window if getattr(h, item) is not None]
        z = _z(value, past, params.z_clip) if use_baseline else None
        text = f"{LABELS[item]} {value}/5"
        if z is not None and abs(z) >= 1:
            text += f", {abs(z):.1f} SD {'below' if z < 0 else 'above'} your norm"
        factors.append(Factor(item, float(value), z, _flag(z), text))
    return factors


def hrv_factor(
    values: CheckInValues, history: Sequence[CheckInValues], params: ReadinessParams
) -> Factor | None:
    """7-day mean of ln rMSSD against the 28-day baseline ± 0.5 SD."""
    series = [h.hrv_rmssd for h in history[-params.baseline_window_days :] if h.hrv_rmssd]
    if values.hrv_rmssd is None or len(series) < params.baseline_min_days:
        return None
    logs = [math.log(v) for v in series]
    recent = [*logs[-6:], math.log(values.hrv_rmssd)]
    sd = statistics.pstdev(logs)
    if sd == 0:
        return None
    z = (statistics.fmean(recent) - statistics.fmean(logs)) / sd
    flag = "yellow" if abs(z) > 0.5 else "ok"
    return Factor("hrv", values.hrv_rmssd, z, flag, f"HRV 7-day trend {z:+.1f} SD vs your norm")


def readiness(
    values: CheckInValues,
    history: Sequence[CheckInValues] = (),
    params: ReadinessParams | None = None,
) -> Readiness:
    """Score, band and factors of one check-in given the athlete's earlier check-ins."""
    p = params or ReadinessParams()
    score = composite(values, p.weights)
    factors = item_factors(values, history, p)
    hrv = hrv_factor(values, history, p)
    if hrv is not None:
        factors.append(hrv)
    band = band_of(score, p)
    capped_by = None
    if values.illness:
        capped_by = "illness"
        factors.append(Factor("illness", 1.0, None, "red", "feeling ill"))
    elif values.pain_severity is not None and values.pain_severity >= p.cap_pain_severity:
        capped_by = "pain"
        factors.append(
            Factor("pain", values.pain_severity, None, "red", f"pain {values.pain_severity}/10")
        )
    elif band == "green" and any(f.flag == "red" for f in factors):
        capped_by = "baseline"
        band = "amber"
    if capped_by in ("illness", "pain"):
        band = "red"
        score = min(score, p.amber_min - 1)
    baseline_used = len(history[-p.baseline_window_days :]) >= p.baseline_min_days
    ordered = tuple(
        sorted(factors, key=lambda f: ({"red": 0, "yellow": 1, "ok": 2}[f.flag], f.value))
    )
    return Readiness(round(score, 1), band, ordered, baseline_used, capped_by)
