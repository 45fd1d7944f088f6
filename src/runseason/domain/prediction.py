"""Race prediction as a range across models, each with its inputs (SCIENCE.md section 2)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from runseason.domain.paces import equivalent_time_s, vdot
from runseason.errors import InvalidInput

RIEGEL_EXPONENT = 1.06


def riegel(time_s: float, distance_m: float, target_m: float, exponent: float = 1.06) -> float:
    """Riegel (1981): T2 = T1 · (D2/D1)^k."""
    _check(time_s, distance_m, target_m)
    return float(time_s * (target_m / distance_m) ** exponent)


def personal_exponent(first: tuple[float, float], second: tuple[float, float]) -> float:
    """The Riegel exponent of two races ``(distance_m, time_s)``: ln(T2/T1)/ln(D2/D1)."""
    (d1, t1), (d2, t2) = first, second
    if d1 <= 0 or d2 <= 0 or t1 <= 0 or t2 <= 0 or d1 == d2:
        raise InvalidInput("two races of different positive distances are needed")
    return math.log(t2 / t1) / math.log(d2 / d1)


def _cameron_a(distance_m: float) -> float:
    # Cameron (1998) distance factor, distances in metres
    return float(13.49681 - 0.000030363 * distance_m + 835.7114 / distance_m**0.7905)


def cameron(time_s: float, distance_m: float, target_m: float) -> float:
    """Cameron: T_new = T_old · (d_new/d_old) · a(d_old)/a(d_new)."""
    _check(time_s, distance_m, target_m)
    return time_s * (target_m / distance_m) * _cameron_a(distance_m) / _cameron_a(target_m)


def vdot_equivalent(time_s: float, distance_m: float, target_m: float) -> float:
    """The Daniels equivalent time at the VDOT of the given race."""
    _check(time_s, distance_m, target_m)
    return equivalent_time_s(vdot(distance_m, time_s), target_m)


@dataclass(frozen=True, slots=True)
class ModelPrediction:
    """One model's predicted time and what it used."""

    model: str
    time_s: float
    inputs: str


@dataclass(frozen=True, slots=True)
class PredictionRange:
    """Predictions across models: the fastest, the slowest and each model's own figure."""

    target_m: float
    low_s: float
    high_s: float
    models: tuple[ModelPrediction, ...]
    caution: str


def predict_range(
    time_s: float, distance_m: float, target_m: float, exponent: float | None = None
) -> PredictionRange:
    """A prediction range from one race (plus a personal Riegel exponent when known)."""
    used = f"{distance_m / 1000:.2f} km in {time_s:.0f} s"
    models = [
        ModelPrediction("riegel", riegel(time_s, distance_m, target_m), f"{used}, k=1.06"),
        ModelPrediction("cameron", cameron(time_s, distance_m, target_m), used),
        ModelPrediction("vdot", vdot_equivalent(time_s, distance_m, target_m), used),
    ]
    if exponent is not None:
        personal = riegel(time_s, distance_m, target_m, exponent)
        models.append(ModelPrediction("riegel-personal", personal, f"{used}, k={exponent:.3f}"))
    times = [m.time_s for m in models]
    caution = ""
    if target_m > 2.5 * distance_m and target_m >= 40000:
        caution = (
            "Predictions from short races often underestimate the marathon by 10 minutes or more "
            "for recreational runners (Vickers & Vertosick 2016)."
        )
    return PredictionRange(target_m, min(times), max(times), tuple(models), caution)


def _check(time_s: float, distance_m: float, target_m: float) -> None:
    if time_s <= 0 or distance_m <= 0 or target_m <= 0:
        raise InvalidInput("times and distances must be positive")
