"""Trends over months and years: VDOT, threshold pace, baselines, volume and personal bests.

Each point of a trend carries the records behind it (``Evidence``), so a page or a report can list
the data a number came from. Periods are calendar months ("2026-03") or years ("2026").
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, TypeVar

from runseason.domain.paces import MAX_VDOT, MIN_VDOT, training_paces, vdot
from runseason.domain.units import Unit, format_distance, format_duration

Period = Literal["month", "year"]
T = TypeVar("T")

# The distances a runner keeps records for, and how far a recorded distance may stray from one
# (a measured 5 km race often reads 5.03 km on a watch).
STANDARD_DISTANCES_M: tuple[tuple[str, float], ...] = (
    ("400 m", 400.0),
    ("1 km", 1000.0),
    ("1 mile", 1609.344),
    ("5 km", 5000.0),
    ("10 km", 10000.0),
    ("Half marathon", 21097.5),
    ("Marathon", 42195.0),
)
DISTANCE_TOLERANCE = 0.03
# Daniels' tables start at 1,500 m: shorter efforts say more about speed than about VDOT.
MIN_VDOT_DISTANCE_M = 1500.0


@dataclass(frozen=True, slots=True)
class Effort:
    """A timed effort: a race, a time trial or a best effort found in a recorded run."""

    day: date
    distance_m: float
    duration_s: float
    label: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """One record behind a trend's point, in words, with its value."""

    day: date
    text: str
    value: float


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """A trend's value for one period and the records it was computed from."""

    period: str
    value: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class PersonalBest:
    """A new best time at a standard distance; ``previous_s`` is the best it beat."""

    day: date
    distance: str
    distance_m: float
    duration_s: float
    previous_s: float | None
    label: str


def period_of(day: date, by: Period) -> str:
    """The month ("2026-03") or year ("2026") a date belongs to."""
    return f"{day.year:04d}-{day.month:02d}" if by == "month" else f"{day.year:04d}"


def _group(items: Iterable[tuple[date, T]], by: Period) -> dict[str, list[T]]:
    groups: dict[str, list[T]] = {}
    for day, item in sorted(items, key=lambda pair: pair[0]):
        groups.setdefault(period_of(day, by), []).append(item)
    return groups


def effort_vdot(effort: Effort) -> float | None:
    """Daniels' VDOT of an effort, or None where the tables do not reach (short or off-scale)."""
    if effort.distance_m < MIN_VDOT_DISTANCE_M or effort.duration_s <= 0:
        return None
    value = vdot(effort.distance_m, effort.duration_s)
    return value if MIN_VDOT <= value <= MAX_VDOT else None


def vdot_trend(efforts: Sequence[Effort], by: Period, unit: Unit = "km") -> list[TrendPoint]:
    """The best VDOT of each period, with every effort of the period behind it, best first."""
    scored = [(e.day, (e, v)) for e in efforts if (v := effort_vdot(e)) is not None]
    points = []
    for period, members in _group(scored, by).items():
        ranked = sorted(members, key=lambda m: -m[1])
        evidence = tuple(
            Evidence(e.day, f"{e.label}: {effort_text(e, unit)}", v) for e, v in ranked
        )
        points.append(TrendPoint(period, round(evidence[0].value, 1), evidence))
    return points


def threshold_pace_trend(vdot_points: Sequence[TrendPoint]) -> list[TrendPoint]:
    """Daniels' threshold pace (seconds per km) at each period's best VDOT."""
    return [
        TrendPoint(
            p.period,
            round(training_paces(p.value).threshold_s_per_km, 1),
            p.evidence[:1],
        )
        for p in vdot_points
    ]


def baseline_trend(
    readings: Sequence[tuple[date, float]], by: Period, unit: str
) -> list[TrendPoint]:
    """The median reading of each period (a resting heart rate, an HRV), every reading listed."""
    points = []
    for period, pairs in _group(((d, (d, v)) for d, v in readings), by).items():
        median = statistics.median(v for _, v in pairs)
        evidence = tuple(Evidence(d, f"{v:g} {unit}", v) for d, v in pairs)
        points.append(TrendPoint(period, round(median, 1), evidence))
    return points


def weekly_volume_trend(
    runs: Sequence[tuple[date, float]], by: Period, *, first: date, last: date, unit: Unit = "km"
) -> list[TrendPoint]:
    """Average weekly distance (m) of each period, over the days of it between first and last."""
    points = []
    for period, pairs in _group(((d, (d, m)) for d, m in runs), by).items():
        start, end = _period_bounds(pairs[0][0], by)
        days = (min(end, last) - max(start, first)).days + 1
        total = sum(m for _, m in pairs)
        weeks = max(days, 1) / 7.0
        evidence = (
            Evidence(
                start,
                f"{len(pairs)} runs, {format_distance(total, unit, 1)} over {days} days",
                total,
            ),
        )
        points.append(TrendPoint(period, round(total / weeks, 1), evidence))
    return points


def long_run_trend(
    runs: Sequence[tuple[date, float]], by: Period, unit: Unit = "km"
) -> list[TrendPoint]:
    """The longest run (m) of each period."""
    points = []
    for period, pairs in _group(((d, (d, m)) for d, m in runs), by).items():
        day, longest = max(pairs, key=lambda p: p[1])
        evidence = (Evidence(day, f"Longest run: {distance_text(longest, unit)}", longest),)
        points.append(TrendPoint(period, round(longest, 1), evidence))
    return points


def standard_distance(distance_m: float) -> tuple[str, float] | None:
    """The standard distance a recorded one stands for, within the tolerance, or None."""
    for name, metres in STANDARD_DISTANCES_M:
        if abs(distance_m - metres) <= DISTANCE_TOLERANCE * metres:
            return name, metres
    return None


def personal_bests(efforts: Sequence[Effort]) -> list[PersonalBest]:
    """Every time a standard distance was run faster than ever before, in date order."""
    best: dict[str, float] = {}
    found = []
    for effort in sorted(efforts, key=lambda e: e.day):
        standard = standard_distance(effort.distance_m)
        if standard is None or effort.duration_s <= 0:
            continue
        name, metres = standard
        previous = best.get(name)
        if previous is None or effort.duration_s < previous:
            best[name] = effort.duration_s
            found.append(
                PersonalBest(effort.day, name, metres, effort.duration_s, previous, effort.label)
            )
    return found


def _period_bounds(day: date, by: Period) -> tuple[date, date]:
    if by == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date(day.year, day.month, 1), date.fromordinal(following.toordinal() - 1)


def effort_text(effort: Effort, unit: Unit = "km") -> str:
    """An effort in words: "10 km in 41:23"."""
    return f"{distance_text(effort.distance_m, unit)} in {format_duration(effort.duration_s)}"


def distance_text(metres: float, unit: Unit = "km") -> str:
    """A standard distance by its name ("10 km", "Half marathon"), another in the unit."""
    standard = standard_distance(metres)
    return standard[0] if standard else format_distance(metres, unit)
