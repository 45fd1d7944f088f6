"""A planned session as a structured workout: the steps a watch or a treadmill app follows.

Each part of the session's shape becomes a step with a duration (or a distance for a continuous
run planned by distance) and a target range from the athlete's own zones: pace when pace zones
are known, heart rate otherwise. Repeats stay repeats, so a watch shows "4 × 3 min" as such.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from runseason.domain.session_shape import (
    HR_ZONES_FIVE,
    HR_ZONES_FRIEL,
    ZONE_WORDS,
    Shape,
    Zones,
)

INTENSITIES = ("warmup", "active", "recovery", "cooldown")


@dataclass(frozen=True, slots=True)
class Step:
    """One step: how long (time or distance) and within which pace and heart-rate range."""

    name: str
    intensity: str
    zone: str
    duration_s: float | None = None
    distance_m: float | None = None
    # (slow, fast) in seconds per km; (low, high) in beats per minute.
    pace_s_per_km: tuple[float, float] | None = None
    hr_bpm: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Repeat:
    """Steps done ``times`` times over."""

    times: int
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class Workout:
    """A named sequence of steps and repeats."""

    name: str
    parts: tuple[Step | Repeat, ...]

    def flat_steps(self) -> tuple[Step, ...]:
        """Every step once, in order (repeats not unrolled)."""
        out: list[Step] = []
        for part in self.parts:
            out.extend(part.steps if isinstance(part, Repeat) else (part,))
        return tuple(out)


def pace_bounds(zone: str, zones: Zones) -> tuple[float, float] | None:
    """The zone's (slow, fast) pace in s/km; hill work runs at threshold effort."""
    bounds = zones.pace.get("T" if zone == "H" else zone)
    return None if bounds is None else (float(bounds[0]), float(bounds[1]))


def heart_rate_bounds(zone: str, zones: Zones) -> tuple[int, int] | None:
    """The heart-rate range (bpm) that goes with a pace zone, from the athlete's own zones."""
    table = HR_ZONES_FRIEL if "Z5a" in zones.heart_rate else HR_ZONES_FIVE
    names: Sequence[str] = ("Z1",) if zone in ("jog", "walk") else table.get(zone, ())
    found = [zones.heart_rate[n] for n in names if n in zones.heart_rate]
    if not found:
        return None
    return round(max(found[0][0], 0)), round(found[-1][1])


def _step(name: str, intensity: str, zone: str, zones: Zones, duration_s: float) -> Step:
    targeted = intensity != "recovery"
    return Step(
        name,
        intensity,
        zone,
        duration_s=duration_s,
        pace_s_per_km=pace_bounds(zone, zones) if targeted else None,
        hr_bpm=heart_rate_bounds(zone, zones) if targeted else None,
    )


def workout_of(name: str, shape: Shape, zones: Zones, distance_m: float | None = None) -> Workout:
    """The shape as workout steps; a single continuous run planned by distance goes by distance."""
    parts: list[Step | Repeat] = []
    if shape.warmup_s:
        parts.append(_step("Warm-up", "warmup", "E", zones, shape.warmup_s))
    for block in shape.blocks:
        title = ZONE_WORDS.get(block.zone, "easy").capitalize()
        work = _step(title, "active", block.zone, zones, block.work_s)
        if block.repeat == 1:
            parts.append(work)
            continue
        steps = [work]
        if block.recover_s:
            words = ZONE_WORDS.get(block.recover_zone, "easy jog").capitalize()
            steps.append(_step(words, "recovery", block.recover_zone, zones, block.recover_s))
        parts.append(Repeat(block.repeat, tuple(steps)))
    if shape.cooldown_s:
        parts.append(_step("Cool-down", "cooldown", "E", zones, shape.cooldown_s))
    only = parts[0]
    if distance_m and len(parts) == 1 and isinstance(only, Step):
        parts[0] = replace(only, duration_s=None, distance_m=distance_m)
    return Workout(name, tuple(parts))
