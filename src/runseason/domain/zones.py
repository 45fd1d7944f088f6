"""Heart-rate and pace zones (SCIENCE.md section 7)."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from runseason.domain.paces import training_paces
from runseason.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Zone:
    """A named band, low and high inclusive (bpm, or seconds per km for pace zones)."""

    name: str
    low: float
    high: float


# Friel running zones as fractions of LTHR; Z1 has no lower bound and Z5c no upper bound.
FRIEL_BOUNDS = (
    ("Z1", 0.0, 0.85),
    ("Z2", 0.85, 0.89),
    ("Z3", 0.90, 0.94),
    ("Z4", 0.95, 0.99),
    ("Z5a", 1.00, 1.02),
    ("Z5b", 1.03, 1.06),
    ("Z5c", 1.07, 1.30),
)
HRMAX_BOUNDS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def tanaka_hr_max(age_years: float) -> float:
    """Tanaka et al. (2001): HRmax ≈ 208 − 0.7·age; only when no measured value exists."""
    if not 5 <= age_years <= 110:
        raise InvalidInput("age must be between 5 and 110 years")
    return 208.0 - 0.7 * age_years


def karvonen(hr_rest: float, hr_max: float, fraction: float) -> float:
    """Karvonen: HRrest + f·(HRmax − HRrest)."""
    _check_hr(hr_rest, hr_max)
    return hr_rest + fraction * (hr_max - hr_rest)


def friel_zones(lthr: float) -> tuple[Zone, ...]:
    """Friel's seven running zones from lactate-threshold heart rate (rounded to whole bpm)."""
    if not 100 <= lthr <= 220:
        raise InvalidInput("LTHR must be between 100 and 220 bpm")
    # Zones are contiguous whole beats: each starts one beat above the previous zone's top, which
    # is LTHR × its upper fraction rounded (LTHR 165 → Z2 141–147, Z3 148–155, Z4 156–163).
    zones = []
    previous_high = math.ceil(lthr * FRIEL_BOUNDS[1][1]) - 1.0
    zones.append(Zone("Z1", 0.0, previous_high))
    for name, _low, high in FRIEL_BOUNDS[1:]:
        top = float(round(lthr * high))
        zones.append(Zone(name, previous_high + 1, top))
        previous_high = top
    return tuple(zones)


def hr_max_zones(hr_max: float) -> tuple[Zone, ...]:
    """Five zones at 50/60/70/80/90/100 % of HRmax."""
    _check_hr(40, hr_max)
    return tuple(
        Zone(f"Z{i + 1}", round(hr_max * lo), round(hr_max * hi))
        for i, (lo, hi) in enumerate(itertools.pairwise(HRMAX_BOUNDS))
    )


def heart_rate_reserve_zones(hr_rest: float, hr_max: float) -> tuple[Zone, ...]:
    """Five Karvonen zones at 50/60/70/80/90/100 % of heart-rate reserve."""
    return tuple(
        Zone(
            f"Z{i + 1}", round(karvonen(hr_rest, hr_max, lo)), round(karvonen(hr_rest, hr_max, hi))
        )
        for i, (lo, hi) in enumerate(itertools.pairwise(HRMAX_BOUNDS))
    )


def pace_zones(vdot_value: float) -> tuple[Zone, ...]:
    """Daniels pace zones (seconds per km, slow bound first) E, M, T, I, R."""
    p = training_paces(vdot_value)
    return (
        Zone("E", p.easy_slow_s_per_km, p.easy_fast_s_per_km),
        Zone("M", p.marathon_s_per_km + 5, p.marathon_s_per_km - 5),
        Zone("T", p.threshold_s_per_km + 4, p.threshold_s_per_km - 4),
        Zone("I", p.interval_s_per_km + 3, p.interval_s_per_km - 3),
        Zone("R", p.repetition_s_per_km + 3, p.repetition_s_per_km - 3),
    )


def _check_hr(hr_rest: float, hr_max: float) -> None:
    if not 25 <= hr_rest < hr_max <= 240:
        raise InvalidInput("heart rates must satisfy 25 ≤ resting < maximum ≤ 240 bpm")
