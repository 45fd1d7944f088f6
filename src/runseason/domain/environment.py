"""Heat and altitude adjustments of pace (SCIENCE.md section 9)."""

from __future__ import annotations

import math
from dataclasses import dataclass

NO_HARD_RUNNING_ABOVE = 180.0
ALTITUDE_THRESHOLD_M = 750.0
FEET_PER_METRE = 1 / 0.3048  # international foot (1959 agreement)
TOO_HOT = "Too hot and humid for hard running"


@dataclass(frozen=True, slots=True)
class HeatAdjustment:
    """Slowdown for a temperature and dew point, and whether hard running is advised against."""

    index_f: float
    slowdown: float
    hard_running_ok: bool


@dataclass(frozen=True, slots=True)
class Conditions:
    """Today's weather and altitude as the athlete reported them (``None``: not given)."""

    temperature_c: float | None = None
    dew_point_c: float | None = None
    altitude_m: float | None = None


@dataclass(frozen=True, slots=True)
class EnvironmentAdjustment:
    """How much slower today's paces are, whether hard running is advised, and why."""

    pace_factor: float
    hard_running_ok: bool
    reasons: tuple[str, ...]


def celsius_to_fahrenheit(celsius: float) -> float:
    """°C to °F."""
    return celsius * 9.0 / 5.0 + 32.0


def fahrenheit_to_celsius(fahrenheit: float) -> float:
    """°F to °C."""
    return (fahrenheit - 32.0) * 5.0 / 9.0


def feet_to_metres(feet: float) -> float:
    """Feet to metres."""
    return feet / FEET_PER_METRE


def metres_to_feet(metres: float) -> float:
    """Metres to feet."""
    return metres * FEET_PER_METRE


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
    if altitude_m <= ALTITUDE_THRESHOLD_M:
        return 1.0
    return math.exp(0.06 * (altitude_m - ALTITUDE_THRESHOLD_M) / 1000)


def adjusted_pace(pace_s_per_km: float, slowdown: float = 0.0, altitude_m: float = 0.0) -> float:
    """A pace slowed for heat (fraction) and altitude."""
    return pace_s_per_km * (1 + slowdown) * altitude_factor(altitude_m)


def _temperature(celsius: float, unit: str) -> str:
    if unit == "mi":
        return f"{celsius_to_fahrenheit(celsius):.0f} °F"
    return f"{celsius:.0f} °C"


def _altitude(metres: float, unit: str) -> str:
    if unit == "mi":
        return f"{metres_to_feet(metres):,.0f} ft"
    return f"{metres:,.0f} m"


def environment_adjustment(conditions: Conditions, unit: str = "km") -> EnvironmentAdjustment:
    """Today's pace factor for heat (temperature with dew point) and altitude, with the reasons.

    Temperatures show in °F and altitudes in feet for an athlete who runs in miles.
    """
    factor, hard_ok, reasons = 1.0, True, []
    t, td = conditions.temperature_c, conditions.dew_point_c
    if t is not None and td is not None:
        heat = heat_adjustment(t, td)
        weather = f"{_temperature(t, unit)} with a dew point of {_temperature(td, unit)}"
        if heat.slowdown > 0:
            factor *= 1 + heat.slowdown
            reasons.append(f"Heat ({weather}): paces {heat.slowdown:.1%} slower.")
        if not heat.hard_running_ok:
            hard_ok = False
            reasons.append(f"{TOO_HOT} today ({weather}).")
    h = conditions.altitude_m
    if h is not None and altitude_factor(h) > 1:
        factor *= altitude_factor(h)
        reasons.append(f"Altitude {_altitude(h, unit)}: paces {altitude_factor(h) - 1:.1%} slower.")
    return EnvironmentAdjustment(factor, hard_ok, tuple(reasons))
