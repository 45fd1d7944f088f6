"""Planned versus done: per session and per week."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

# The colour bands of the done/planned ratio in whole percent: green 80–120, yellow 50–79 or
# 121–150, red otherwise or missed.
Band = Literal["green", "yellow", "red"]
BAND_SCORE: dict[str, float] = {"green": 1.0, "yellow": 0.5, "red": 0.0}
INTENSITY_TOLERANCE = 0.05  # within ±5 % of the target speed or heart rate is on target


def band_of(ratio: float) -> Band:
    """The colour of a done/planned ratio."""
    percent = round(ratio * 100)
    if 80 <= percent <= 120:
        return "green"
    if 50 <= percent <= 150:
        return "yellow"
    return "red"


@dataclass(frozen=True, slots=True)
class PlannedValues:
    """What a planned session asks for (targets where the plan gives them)."""

    duration_s: float
    distance_m: float | None = None
    load: float | None = None
    pace_s_per_km: float | None = None
    hr_bpm: float | None = None


@dataclass(frozen=True, slots=True)
class DoneValues:
    """What the athlete did for it."""

    duration_s: float
    distance_m: float | None = None
    load: float | None = None
    pace_s_per_km: float | None = None
    hr_bpm: float | None = None


@dataclass(frozen=True, slots=True)
class SessionAdherence:
    """One planned session against what was done: each ratio, the colour and the intensity."""

    status: str  # done, missed, excused
    band: Band | None  # None when the day is excused
    ratio: float | None  # the ratio that sets the colour: distance, else duration, else load
    duration_ratio: float | None = None
    distance_ratio: float | None = None
    load_ratio: float | None = None
    intensity_ratio: float | None = None  # done speed / target speed, or done HR / target HR
    intensity_basis: str | None = None  # pace or heart rate
    intensity: str | None = None  # on target, harder, easier


def _ratio(done: float | None, planned: float | None) -> float | None:
    return done / planned if done and planned else None


def session_adherence(
    planned: PlannedValues, done: DoneValues | None, *, excused: bool = False
) -> SessionAdherence:
    """A planned session's adherence; an excused day (sick, travelling, injured) has no colour."""
    if excused:
        return SessionAdherence("excused", None, None)
    if done is None or not done.duration_s:
        return SessionAdherence("missed", "red", 0.0)
    duration = _ratio(done.duration_s, planned.duration_s)
    distance = _ratio(done.distance_m, planned.distance_m)
    load = _ratio(done.load, planned.load)
    ratio = next((r for r in (distance, duration, load) if r is not None), None)
    basis, intensity = _intensity(planned, done)
    return SessionAdherence(
        status="done",
        band=band_of(ratio) if ratio is not None else "green",
        ratio=ratio,
        duration_ratio=duration,
        distance_ratio=distance,
        load_ratio=load,
        intensity_ratio=intensity,
        intensity_basis=basis,
        intensity=_intensity_word(intensity),
    )


def compliance_status(result: SessionAdherence) -> str:
    """A planned session's stored status from its adherence: completed, partial or missed.

    Done at 80 % or more of the plan (more than planned included) is completed; less is partial.
    """
    if result.status == "missed":
        return "missed"
    if result.ratio is None or round(result.ratio * 100) >= 80:
        return "completed"
    return "partial"


def _intensity(planned: PlannedValues, done: DoneValues) -> tuple[str | None, float | None]:
    if planned.pace_s_per_km and done.pace_s_per_km:
        # Speeds, not paces: a ratio above 1 is faster than planned.
        return "pace", planned.pace_s_per_km / done.pace_s_per_km
    if planned.hr_bpm and done.hr_bpm:
        return "heart rate", done.hr_bpm / planned.hr_bpm
    return None, None


def _intensity_word(ratio: float | None) -> str | None:
    if ratio is None:
        return None
    if abs(ratio - 1.0) <= INTENSITY_TOLERANCE:
        return "on target"
    return "harder" if ratio > 1.0 else "easier"


@dataclass(frozen=True, slots=True)
class WeekAdherence:
    """A week's adherence: the percentage over the sessions that count, and the colour counts."""

    percent: float | None  # None when no planned session counts (all excused or none planned)
    counted: int
    excused: int
    green: int
    yellow: int
    red: int


def week_adherence(sessions: Sequence[SessionAdherence]) -> WeekAdherence:
    """Green counts whole, yellow half, red and missed nothing; excused days leave the count."""
    counted = [s for s in sessions if s.band is not None]
    bands = [s.band for s in counted]
    score = sum(BAND_SCORE[b] for b in bands if b is not None)
    return WeekAdherence(
        percent=100.0 * score / len(counted) if counted else None,
        counted=len(counted),
        excused=len(sessions) - len(counted),
        green=bands.count("green"),
        yellow=bands.count("yellow"),
        red=bands.count("red"),
    )
