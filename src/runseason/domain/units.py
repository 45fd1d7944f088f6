"""Units for display: metres and seconds are stored; km or miles and min/km or min/mi are shown."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from runseason.errors import InvalidInput

Unit = Literal["km", "mi"]
METRES_PER_KM = 1000.0
METRES_PER_MILE = 1609.344  # international mile (1959 agreement)
RACE_DISTANCES_M: dict[str, float] = {
    "1500m": 1500.0,
    "mile": METRES_PER_MILE,
    "3k": 3000.0,
    "5k": 5000.0,
    "10k": 10000.0,
    "15k": 15000.0,
    "half": 21097.5,
    "marathon": 42195.0,
}
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$")


def metres_per_unit(unit: Unit) -> float:
    """Metres in one display unit."""
    return METRES_PER_MILE if unit == "mi" else METRES_PER_KM


def distance_in(distance_m: float, unit: Unit) -> float:
    """A distance in metres expressed in km or miles."""
    return distance_m / metres_per_unit(unit)


def distance_from(value: float, unit: Unit) -> float:
    """A distance in km or miles converted to metres."""
    return value * metres_per_unit(unit)


def pace_in(pace_s_per_km: float, unit: Unit) -> float:
    """A pace in seconds per km expressed per km or per mile."""
    return pace_s_per_km * metres_per_unit(unit) / METRES_PER_KM


def pace_from(pace_s_per_unit: float, unit: Unit) -> float:
    """A pace per km or per mile converted to seconds per km."""
    return pace_s_per_unit * METRES_PER_KM / metres_per_unit(unit)


def format_duration(duration_s: float) -> str:
    """``h:mm:ss`` (or ``m:ss`` under an hour), rounded to the second."""
    total = round(duration_s)
    sign = "-" if total < 0 else ""
    hours, rest = divmod(abs(total), 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{seconds:02d}"
    return f"{sign}{minutes}:{seconds:02d}"


def format_day(day: date, *, year: bool = True) -> str:
    """A day in the one style every page and message uses: ``Sun 6 Dec 2026`` (``Sun 6 Dec``
    without the year, where the season goes without saying)."""
    return f"{day:%a} {day.day} {day:%b}" + (f" {day:%Y}" if year else "")


def format_pace(pace_s_per_km: float, unit: Unit = "km") -> str:
    """A pace such as ``4:30/km`` or ``7:15/mi``."""
    return f"{format_duration(pace_in(pace_s_per_km, unit))}/{unit}"


def format_distance(distance_m: float, unit: Unit = "km", digits: int = 2) -> str:
    """A distance such as ``10.00 km`` or ``6.21 mi``."""
    return f"{distance_in(distance_m, unit):.{digits}f} {unit}"


def parse_duration(text: str) -> float:
    """Seconds from ``m:ss``, ``mm:ss`` or ``h:mm:ss`` (fractions of a second allowed)."""
    match = _CLOCK.match(text.strip())
    if not match:
        raise InvalidInput(f"'{text}' is not a time; write it as m:ss or h:mm:ss")
    hours, minutes, seconds = match.groups()
    if (int(minutes) >= 60 and hours is not None) or float(seconds) >= 60:
        raise InvalidInput(f"'{text}' has minutes or seconds of 60 or more")
    total = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    if total <= 0:
        raise InvalidInput("a time must be longer than zero")
    return total


def parse_distance(text: str) -> float:
    """Metres from a race name (``5k``, ``half``, ``marathon``) or a number with a unit."""
    key = text.strip().lower().replace(" ", "")
    if key in RACE_DISTANCES_M:
        return RACE_DISTANCES_M[key]
    match = re.match(r"^(\d+(?:\.\d+)?)(km|k|mi|m)?$", key)
    if not match:
        names = ", ".join(RACE_DISTANCES_M)
        raise InvalidInput(f"'{text}' is not a distance; use e.g. 5k, 12.5km, 3mi, 800m or {names}")
    value, suffix = float(match.group(1)), match.group(2) or "m"
    factor = {"km": 1000.0, "k": 1000.0, "mi": METRES_PER_MILE, "m": 1.0}[suffix]
    if value <= 0:
        raise InvalidInput("a distance must be longer than zero")
    return value * factor
