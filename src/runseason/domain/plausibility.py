"""Whether a logged session's values are humanly plausible, field by field.

The bounds are ours (docs/science.md, "Plausible sessions"): a run faster than 2:30/km is faster
than any world-record pace over 1 km or more, slower than 20:00/km it is a walk; 300 km and 48
hours bound every common ultra. Heart rates outside 25–250 bpm are not physiological and can
never be confirmed; the other values a coach may confirm when they are real.
"""

from __future__ import annotations

from dataclasses import dataclass

from runseason.domain.load import RUNNING_SPORTS, sport_label
from runseason.domain.units import Unit, format_distance, format_duration, format_pace

FASTEST_RUN_S_PER_KM = 150.0
SLOWEST_RUN_S_PER_KM = 1200.0
HR_RANGE_BPM = (25, 250)
MAX_DISTANCE_M = 300_000.0
MAX_DURATION_S = 48 * 3600.0


@dataclass(frozen=True, slots=True)
class Implausible:
    """One refused value: the field it is in, what is wrong and whether a coach may confirm it."""

    field: str
    message: str
    confirmable: bool = True


@dataclass(frozen=True, slots=True)
class LoggedValues:
    """The values of a session that plausibility looks at."""

    sport: str
    duration_s: float
    distance_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None


def implausible_values(values: LoggedValues, unit: Unit = "km") -> list[Implausible]:
    """Every implausible value of a session, in the order of its fields."""
    v = values
    found: list[Implausible] = []
    if v.duration_s > MAX_DURATION_S:
        found.append(
            Implausible(
                "duration_s",
                f"Duration: {format_duration(v.duration_s)} is longer than 48 hours.",
            )
        )
    if v.distance_m is not None and v.distance_m > MAX_DISTANCE_M:
        found.append(
            Implausible(
                "distance_m",
                f"Distance: {format_distance(v.distance_m, unit)} is more than "
                f"{format_distance(MAX_DISTANCE_M, unit, 0)}.",
            )
        )
    pace = _pace_problem(v, unit)
    if pace is not None:
        found.append(pace)
    for name, label, bpm in (("avg_hr", "Average", v.avg_hr), ("max_hr", "Maximum", v.max_hr)):
        if bpm is not None and not HR_RANGE_BPM[0] <= bpm <= HR_RANGE_BPM[1]:
            found.append(
                Implausible(
                    name,
                    f"{label} heart rate: {bpm:.0f} bpm is outside 25–250 bpm.",
                    confirmable=False,
                )
            )
    return found


def _pace_problem(v: LoggedValues, unit: Unit) -> Implausible | None:
    if v.sport not in RUNNING_SPORTS or not v.distance_m:
        return None
    pace = v.duration_s / (v.distance_m / 1000.0)
    if FASTEST_RUN_S_PER_KM <= pace <= SLOWEST_RUN_S_PER_KM:
        return None
    bound = FASTEST_RUN_S_PER_KM if pace < FASTEST_RUN_S_PER_KM else SLOWEST_RUN_S_PER_KM
    side = "faster" if pace < FASTEST_RUN_S_PER_KM else "slower"
    return Implausible(
        "distance_m",
        f"Distance and duration: {format_distance(v.distance_m, unit)} in "
        f"{format_duration(v.duration_s)} "
        f"is a pace of {format_pace(pace, unit)}, {side} than {format_pace(bound, unit)} "
        f"for a {sport_label(v.sport)}.",
    )
