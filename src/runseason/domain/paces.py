"""VDOT and training paces (Daniels & Gilbert, *Oxygen Power*, 1979; SCIENCE.md section 1)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from runseason.errors import InvalidInput

MARATHON_M = 42195.0
# Fractions of VDOT for the training intensities (our fit to Daniels' table, SCIENCE.md §1).
THRESHOLD_FRACTION = 0.88
INTERVAL_FRACTION = 0.975
EASY_FRACTIONS = (0.63, 0.735)
MIN_VDOT, MAX_VDOT = 20.0, 90.0


def oxygen_cost(v_m_per_min: float) -> float:
    """Daniels & Gilbert (1979): oxygen cost (ml/kg/min) of running at v metres per minute."""
    return -4.60 + 0.182258 * v_m_per_min + 0.000104 * v_m_per_min**2


def fraction_of_max(t_min: float) -> float:
    """Daniels & Gilbert (1979): the fraction of VO2max sustainable for t minutes."""
    return 0.8 + 0.1894393 * math.exp(-0.012778 * t_min) + 0.2989558 * math.exp(-0.1932605 * t_min)


def velocity_at(vo2: float) -> float:
    """The speed (m/min) whose oxygen cost is ``vo2``: the inverse of ``oxygen_cost``."""
    a, b = 0.000104, 0.182258
    return (-b + math.sqrt(b * b + 4 * a * (4.60 + vo2))) / (2 * a)


def vdot(distance_m: float, duration_s: float) -> float:
    """VDOT of a race performance: VO2 of its speed over the sustainable fraction."""
    if distance_m <= 0 or duration_s <= 0:
        raise InvalidInput("a race needs a positive distance and time")
    t_min = duration_s / 60.0
    if not 3.5 <= t_min <= 600:
        raise InvalidInput("VDOT is defined for races of 3.5 minutes to 10 hours")
    return oxygen_cost(distance_m / t_min) / fraction_of_max(t_min)


def equivalent_time_s(vdot_value: float, distance_m: float) -> float:
    """The race time a runner of this VDOT is expected to run over ``distance_m`` (bisection)."""
    _check_vdot(vdot_value)
    lo, hi = 1.0, 600.0  # minutes; VO2(d/t)/%max(t) falls monotonically as t grows
    for _ in range(80):
        mid = (lo + hi) / 2
        if oxygen_cost(distance_m / mid) / fraction_of_max(mid) > vdot_value:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2 * 60.0


@dataclass(frozen=True, slots=True)
class TrainingPaces:
    """Daniels training paces in seconds per km (easy is a range, slow to fast)."""

    vdot: float
    easy_slow_s_per_km: float
    easy_fast_s_per_km: float
    marathon_s_per_km: float
    threshold_s_per_km: float
    interval_s_per_km: float
    repetition_s_per_km: float


def pace_at_fraction(vdot_value: float, fraction: float) -> float:
    """Seconds per km at the speed whose oxygen cost is ``fraction`` of VDOT."""
    return 60000.0 / velocity_at(fraction * vdot_value)


def training_paces(vdot_value: float) -> TrainingPaces:
    """E/M/T/I/R paces for a VDOT (R: I pace minus 6 s per 400 m, 8 s below VDOT 50)."""
    _check_vdot(vdot_value)
    interval = pace_at_fraction(vdot_value, INTERVAL_FRACTION)
    rep_gain_per_400 = 8.0 if vdot_value < 50 else 6.0
    return TrainingPaces(
        vdot=vdot_value,
        easy_slow_s_per_km=pace_at_fraction(vdot_value, EASY_FRACTIONS[0]),
        easy_fast_s_per_km=pace_at_fraction(vdot_value, EASY_FRACTIONS[1]),
        marathon_s_per_km=equivalent_time_s(vdot_value, MARATHON_M) / (MARATHON_M / 1000.0),
        threshold_s_per_km=pace_at_fraction(vdot_value, THRESHOLD_FRACTION),
        interval_s_per_km=interval,
        repetition_s_per_km=interval - rep_gain_per_400 * 2.5,
    )


def _check_vdot(vdot_value: float) -> None:
    if not MIN_VDOT <= vdot_value <= MAX_VDOT:
        raise InvalidInput(f"VDOT must be between {MIN_VDOT:.0f} and {MAX_VDOT:.0f}")
