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
    Block,
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
    # What the step follows: the pace range, the heart-rate range, or effort alone.
    target: str = "pace"


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


def _step(
    name: str,
    intensity: str,
    zone: str,
    zones: Zones,
    amount: tuple[float, float | None],
    target: str = "pace",
) -> Step:
    """A step of ``amount`` (seconds, and metres when planned by distance) with its targets."""
    targeted = intensity != "recovery"
    seconds, metres = amount
    return Step(
        name,
        intensity,
        zone,
        duration_s=None if metres else seconds,
        distance_m=metres or None,
        pace_s_per_km=pace_bounds(zone, zones) if targeted and target == "pace" else None,
        hr_bpm=heart_rate_bounds(zone, zones) if targeted and target != "effort" else None,
        target=target if targeted else "effort",
    )


def _block_parts(block: Block, zones: Zones) -> list[Step | Repeat]:
    title = ZONE_WORDS.get(block.zone, "easy").capitalize()
    work = _step(title, "active", block.zone, zones, (block.work_s, block.work_m), block.target)
    steps = [work]
    if block.recover_s or block.recover_m:
        words = ZONE_WORDS.get(block.recover_zone, "easy jog").capitalize()
        amount = (block.recover_s, block.recover_m)
        steps.append(_step(words, "recovery", block.recover_zone, zones, amount))
    if block.repeat == 1:
        return list(steps)
    return [Repeat(block.repeat, tuple(steps))]


def workout_of(name: str, shape: Shape, zones: Zones, distance_m: float | None = None) -> Workout:
    """The shape as workout steps; a single continuous run planned by distance goes by distance."""
    parts: list[Step | Repeat] = []
    if shape.warmup_s or shape.warmup_m:
        warm = (shape.warmup_s, shape.warmup_m)
        parts.append(_step("Warm-up", "warmup", "E", zones, warm))
    for block in shape.blocks:
        parts.extend(_block_parts(block, zones))
    if shape.cooldown_s or shape.cooldown_m:
        cool = (shape.cooldown_s, shape.cooldown_m)
        parts.append(_step("Cool-down", "cooldown", "E", zones, cool))
    only = parts[0]
    if distance_m and len(parts) == 1 and isinstance(only, Step):
        parts[0] = replace(only, duration_s=None, distance_m=distance_m)
    return Workout(name, tuple(parts))


def estimated_pace_s_per_km(zone: str, zones: Zones) -> float | None:
    """The pace a step is likely run at: the middle of its zone (a jog easy pace plus 30 s, a
    walk 10:00 /km, as the library's estimates); None without pace zones."""
    easy = pace_bounds("E", zones)
    if zone == "walk":
        return 600.0 if zones.pace else None
    if zone == "jog":
        return None if easy is None else (easy[0] + easy[1]) / 2 + 30
    bounds = pace_bounds(zone, zones) or easy
    return None if bounds is None else (bounds[0] + bounds[1]) / 2


def step_estimate(step: Step, zones: Zones) -> tuple[float | None, float | None]:
    """A step's (seconds, metres): what it was planned by, the other at its zone's pace."""
    pace = estimated_pace_s_per_km(step.zone, zones)
    if step.distance_m is not None:
        return (step.distance_m / 1000 * pace if pace else None), step.distance_m
    seconds = step.duration_s or 0.0
    return seconds, (seconds / pace * 1000 if pace else None)


def workout_totals(workout: Workout, zones: Zones) -> tuple[float | None, float | None]:
    """The whole workout's time and distance, repeats counted (None where a pace is missing)."""
    seconds: float | None = 0.0
    metres: float | None = 0.0
    for part in workout.parts:
        times, steps = (part.times, part.steps) if isinstance(part, Repeat) else (1, (part,))
        for step in steps:
            s, m = step_estimate(step, zones)
            seconds = None if seconds is None or s is None else seconds + times * s
            metres = None if metres is None or m is None else metres + times * m
    return seconds, metres
