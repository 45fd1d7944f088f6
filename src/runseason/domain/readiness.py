"""Readiness from the morning check-in (SCIENCE.md section 6, docs/science.md "Recovery signals").

A weighted composite of the 1–5 items (5 = best) and the hours slept, mapped to 0–100 and banded;
once 14 days of history exist, each item is also compared with the athlete's own trailing 28
days, and the factors say why ("sleep 2/5, 1.8 SD below your norm"). Recovery signals (the HRV
trend and the resting heart rate) and red wellness flags lower the band; illness and pain cap it
at red. A lowered band lowers the score with it, so the number and the colour always agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from runseason.domain.recovery import (
    Factor,
    RecoveryParams,
    baseline_z,
    hrv_factor,
    resting_hr_factor,
    sleep_hours_factor,
)

ITEMS = ("sleep_quality", "energy", "recovery", "stress", "mood")
WEIGHTED = (*ITEMS, "sleep_hours")
LABELS = {
    "sleep_quality": "sleep",
    "energy": "energy",
    "recovery": "recovery",
    "stress": "stress (5 = relaxed)",
    "mood": "mood",
}
BANDS = ("red", "amber", "green")
__all__ = ["CheckInValues", "Factor", "Readiness", "ReadinessParams", "readiness"]
# Signals that lower the band, and how far: a red wellness item to amber, a recovery signal to
# its own flag's band (HRV −1 SD amber, −2 SD red; a resting heart rate up 5 bpm amber).
_RECOVERY = ("hrv", "resting_hr")
Cap = tuple[str, str]  # (the band it allows at most, the signal)


@dataclass(frozen=True, slots=True)
class CheckInValues:
    """What the athlete reported this morning (``None``: not answered)."""

    sleep_quality: int | None = None
    energy: int | None = None
    recovery: int | None = None
    stress: int | None = None
    mood: int | None = None
    sleep_hours: float | None = None
    resting_hr: int | None = None
    hrv_rmssd: float | None = None
    illness: bool = False
    pain_severity: int | None = None


def _default_weights() -> dict[str, float]:
    return {
        "sleep_quality": 0.30,
        "energy": 0.25,
        "recovery": 0.25,
        "stress": 0.20,
        "mood": 0.0,
        "sleep_hours": 0.15,
    }


@dataclass(frozen=True, slots=True)
class ReadinessParams(RecoveryParams):
    """Weights and thresholds (the organization's effective settings)."""

    weights: Mapping[str, float] = field(default_factory=_default_weights)
    green_min: int = 70
    amber_min: int = 50
    z_clip: float = 3.0
    item_sd_floor: float = 0.5
    cap_pain_severity: int = 4
    coach_pain_severity: int = 6
    clinician_pain_severity: int = 7


@dataclass(frozen=True, slots=True)
class Readiness:
    """The score, its band and the factors that explain it."""

    score: float
    band: str
    factors: tuple[Factor, ...]
    baseline_used: bool
    capped_by: str | None


def sleep_hours_score(hours: float, minimum_h: float = 4.0, target_h: float = 8.0) -> float:
    """Hours slept on 0–100: none at ``minimum_h`` or less, all at ``target_h`` or more."""
    return max(0.0, min(1.0, (hours - minimum_h) / (target_h - minimum_h))) * 100


def composite(
    values: CheckInValues,
    weights: Mapping[str, float],
    *,
    sleep_minimum_h: float = 4.0,
    sleep_target_h: float = 8.0,
) -> float:
    """Weighted mean of the items answered, each mapped onto 0–100."""
    total = weight_sum = 0.0
    for item in WEIGHTED:
        value = getattr(values, item)
        weight = weights.get(item, 0.0)
        if value is None or weight <= 0:
            continue
        if item == "sleep_hours":
            total += weight * sleep_hours_score(value, sleep_minimum_h, sleep_target_h)
        else:
            total += weight * (value - 1) / 4 * 100
        weight_sum += weight
    return total / weight_sum if weight_sum else 0.0


def band_of(score: float, params: ReadinessParams) -> str:
    """green, amber or red by the configured thresholds."""
    if score >= params.green_min:
        return "green"
    return "amber" if score >= params.amber_min else "red"


def _flag(z: float | None) -> str:
    if z is None or z > -1:
        return "ok"
    return "red" if z <= -2 else "yellow"


def item_factors(
    values: CheckInValues, history: Sequence[CheckInValues], params: ReadinessParams
) -> list[Factor]:
    """Each 1–5 item with its z-score against the athlete's own trailing window (enough days)."""
    window = list(history)[-params.baseline_window_days :]
    use_baseline = len(window) >= params.baseline_min_days
    factors = []
    for item in ITEMS:
        value = getattr(values, item)
        if value is None:
            continue
        past = [getattr(h, item) for h in window if getattr(h, item) is not None]
        z = None
        if use_baseline:
            z = baseline_z(value, past, params.item_sd_floor, params.z_clip)
        text = f"{LABELS[item]} {value}/5"
        if z is not None and abs(z) >= 1:
            text += f", {abs(z):.1f} SD {'below' if z < 0 else 'above'} your norm"
        factors.append(Factor(item, float(value), z, _flag(z), text))
    return factors


def _caps(factors: Sequence[Factor], values: CheckInValues, p: ReadinessParams) -> list[Cap]:
    """(band, reason) for every signal that limits today's band, most severe first."""
    caps: list[tuple[str, str]] = []
    if values.illness:
        caps.append(("red", "illness"))
    if values.pain_severity is not None and values.pain_severity >= p.cap_pain_severity:
        caps.append(("red", "pain"))
    for f in factors:
        if f.item in _RECOVERY and f.flag != "ok":
            caps.append(("red" if f.flag == "red" else "amber", f.item))
    if any(f.flag == "red" and f.item not in _RECOVERY for f in factors):
        caps.append(("amber", "baseline"))
    return sorted(caps, key=lambda cap: BANDS.index(cap[0]))


def _capped(
    score: float, band: str, caps: list[Cap], p: ReadinessParams
) -> tuple[str, float, str | None]:
    """Band, score and the reason after the most severe cap; the score falls with the band."""
    if not caps:
        return band, score, None
    cap_band, reason = caps[0]
    if reason not in ("illness", "pain") and BANDS.index(cap_band) >= BANDS.index(band):
        return band, score, None
    band = BANDS[min(BANDS.index(band), BANDS.index(cap_band))]
    top = p.green_min - 1 if band == "amber" else p.amber_min - 1
    return band, (min(score, top) if band != "green" else score), reason


def readiness(
    values: CheckInValues,
    history: Sequence[CheckInValues] = (),
    params: ReadinessParams | None = None,
) -> Readiness:
    """Score, band and factors of one check-in given the athlete's earlier check-ins."""
    p = params or ReadinessParams()
    score = composite(
        values, p.weights, sleep_minimum_h=p.sleep_minimum_h, sleep_target_h=p.sleep_target_h
    )
    factors = item_factors(values, history, p)
    recovery = (
        sleep_hours_factor(values.sleep_hours, [h.sleep_hours for h in history], p),
        hrv_factor(values.hrv_rmssd, [h.hrv_rmssd for h in history], p),
        resting_hr_factor(values.resting_hr, [h.resting_hr for h in history], p),
    )
    factors += [f for f in recovery if f is not None]
    if values.illness:
        factors.append(Factor("illness", 1.0, None, "red", "feeling ill"))
    pain = values.pain_severity
    if pain is not None and pain >= p.cap_pain_severity:
        factors.append(Factor("pain", pain, None, "red", f"pain {pain}/10"))
    band, score, capped_by = _capped(score, band_of(score, p), _caps(factors, values, p), p)
    baseline_used = len(history[-p.baseline_window_days :]) >= p.baseline_min_days
    ordered = tuple(
        sorted(factors, key=lambda f: ({"red": 0, "yellow": 1, "ok": 2}[f.flag], f.value))
    )
    return Readiness(round(score, 1), band, ordered, baseline_used, capped_by)
