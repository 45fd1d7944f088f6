"""Heat and altitude adjustments of pace (SCIENCE.md section 9)."""

from __future__ import annotations

import math
from dataclasses import dataclass

NO_HARD_RUNNING_ABOVE = 180.0


@dataclass(frozen=True, slots=True)
class HeatAdjustment:
    """Slowdown for a temperature and dew point, and whether hard running is advised against."""

    index_f: float
    slowdown: float
    hard_running_ok: bool


def celsius_to_fahrenheit(celsius: float) -> float:
    """°C to °F."""
    return celsius * 9.0 / 5.0 + 32.0


def heat_adjustment(temperature_c: float, dew_point_c: float) -> HeatAdjustment:
    """Hadley's temperature + dew point rule (°F): no slowdown up to 100, a cubic above."""
    index = celsius_to_fahrenheit(temperature_c) + celsius_to_fahrenheit(dew_point_c)
    if index <= 100:
        return HeatAdjustment(index, 0.0, True)
    x = index - 100
    slowdown = -1.23566e-11 * x**3 + 1.22747e-05 * x**2 + 0.0002741 * x + 0.000294794
    return HeatAdjustment(index, slowdown, index <= NO_HARD_RUNNING_ABOVE)


def altitude_factor(altitude_m: float) -> float:
    """Time multiplier at altitude: 1 below 750 m, then e^(0.06·(h − 750)/1000)."""
    if altitude_m <= 750:
        return 1.0
    return math.exp(0.06 * (altitude_m - 750) / 1000)


def adjusted_pace(pace_s_per_km: float, slowdown: float = 0.0, altitude_m: float = 0.0) -> float:
    """A pace slowed for heat (fraction) and altitude."""
    return pace_s_per_km * (1 + slowdown) * altitude_factor(altitude_m)
