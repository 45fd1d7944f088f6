"""A planned session's shape (warm-up, blocks of work, cool-down) and its targets in words.

The briefing reads a session as its shape to make it one intensity zone easier and shorter, and
to say each part's pace (in the athlete's unit, slowed for heat and altitude) and heart rate.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from runseason.domain.units import Unit, format_duration, pace_in
from runseason.domain.workout_structure import edge_seconds, part_seconds

# The zone that carries each category's main work (a session without a stored structure).
CATEGORY_ZONE = {
    "easy": "E",
    "recovery": "E",
    "long": "E",
    "tempo": "T",
    "threshold_intervals": "T",
    "vo2max_intervals": "I",
    "fartlek": "I",
    "hills": "H",
    "strides_speed": "R",
    "race_pace": "M",
    "progression": "M",
}
# One intensity zone easier (hills become threshold effort on the flat).
ZONE_DOWN = {"R": "I", "I": "T", "T": "M", "H": "T", "M": "E", "E": "E"}
ZONE_ORDER = ("E", "M", "T", "H", "I", "R")
ZONE_WORDS = {
    "E": "easy",
    "M": "marathon pace",
    "T": "threshold pace",
    "I": "interval pace",
    "R": "repetition pace",
    "H": "hard uphill effort",
    "jog": "easy jog",
    "walk": "walk",
}
# The session families a reduced session is named after: (continuous, repeats).
FAMILY = {
    "E": ("Easy run", "Easy run"),
    "M": ("Marathon-pace run", "Marathon pace"),
    "T": ("Tempo", "Cruise intervals"),
    "I": ("VO2max run", "VO2max intervals"),
    "R": ("Repetitions", "Repetitions"),
    "H": ("Hill run", "Hill repeats"),
}
EFFORT_WORDS = {
    "E": "3/10, conversational",
    "M": "5–6/10, steady",
    "T": "7/10, comfortably hard",
    "I": "8–9/10, hard",
    "R": "9/10, fast and relaxed",
    "H": "8/10, hard uphill",
}
# Heart-rate zones per pace zone: Friel's seven (LTHR) or five zones of HRmax or its reserve.
HR_ZONES_FRIEL = {"E": ("Z2",), "M": ("Z3",), "T": ("Z4", "Z5a"), "H": ("Z4", "Z5a"), "I": ("Z5b",)}
HR_ZONES_FIVE = {"E": ("Z2",), "M": ("Z3",), "T": ("Z4",), "H": ("Z4",), "I": ("Z5",)}
WARMUP_S, COOLDOWN_S = 900.0, 600.0


@dataclass(frozen=True, slots=True)
class Block:
    """Repeats of work at one zone with a recovery between.

    A part planned by distance keeps it (``work_m``, ``recover_m``) beside its estimated time;
    ``target`` is what the work follows: the zone's pace, its heart rate or effort alone.
    """

    repeat: int
    work_s: float
    zone: str
    recover_s: float = 0.0
    recover_zone: str = "jog"
    work_m: float | None = None
    recover_m: float | None = None
    target: str = "pace"


@dataclass(frozen=True, slots=True)
class Shape:
    """Warm-up, blocks and cool-down of one session."""

    warmup_s: float
    blocks: tuple[Block, ...]
    cooldown_s: float
    warmup_m: float | None = None
    cooldown_m: float | None = None

    @property
    def duration_s(self) -> float:
        """Total time of the session."""
        work = sum(b.repeat * (b.work_s + b.recover_s) for b in self.blocks)
        return self.warmup_s + work + self.cooldown_s

    @property
    def main_zone(self) -> str:
        """The hardest zone of the work."""
        return max((b.zone for b in self.blocks), key=_rank, default="E")


@dataclass(frozen=True, slots=True)
class Zones:
    """An athlete's pace zones (slow, fast in s/km) and heart-rate zones (low, high in bpm)."""

    pace: Mapping[str, tuple[float, float]]
    heart_rate: Mapping[str, tuple[float, float]]
    unit: Unit = "km"


@dataclass(frozen=True, slots=True)
class Target:
    """One target in words: ``Target("Pace", "6:08–6:25 /km")``."""

    label: str
    text: str


def _rank(zone: str) -> int:
    return ZONE_ORDER.index(zone) if zone in ZONE_ORDER else -1


def shape_of(structure: Mapping[str, Any] | None, category: str, duration_s: float) -> Shape:
    """The stored structure as a shape, or one built from the category and the planned time."""
    if structure and structure.get("steps"):
        blocks = tuple(_block(step) for step in structure["steps"])
        warm, cool = edge_seconds(structure, "warmup"), edge_seconds(structure, "cooldown")
        return Shape(
            warm, blocks, cool, _metres(structure, "warmup_m"), _metres(structure, "cooldown_m")
        )
    zone = CATEGORY_ZONE.get(category, "E")
    if zone == "E" or duration_s < WARMUP_S + COOLDOWN_S + 300:
        return Shape(0.0, (Block(1, duration_s, zone),), 0.0)
    main = duration_s - WARMUP_S - COOLDOWN_S
    return Shape(WARMUP_S, (Block(1, main, zone),), COOLDOWN_S)


def _metres(part: Mapping[str, Any], key: str) -> float | None:
    value = part.get(key)
    return None if value is None else float(value)


def _block(step: Mapping[str, Any]) -> Block:
    work, recover = step["work"], step.get("recover") or {}
    zone, recover_zone = str(work.get("zone", "E")), str(recover.get("zone", "jog"))
    return Block(
        int(step.get("repeat", 1)),
        part_seconds(work, zone),
        zone,
        part_seconds(recover, recover_zone),
        recover_zone,
        _metres(work, "distance_m"),
        _metres(recover, "distance_m"),
        str(work.get("target", "pace")),
    )


def _shorter(block: Block, factor: float) -> Block:
    """Fewer repeats (at least one fewer), or a continuous block cut to whole minutes."""
    if block.repeat > 1:
        return replace(block, repeat=max(1, min(block.repeat - 1, round(block.repeat * factor))))
    return replace(
        block, work_s=max(300.0, math.floor(block.work_s * factor / 60) * 60), work_m=None
    )


def reduced_shape(shape: Shape, factor: float) -> Shape:
    """One intensity zone easier and shorter; a session that comes down to easy is one easy run."""
    blocks = tuple(
        _shorter(replace(b, zone=ZONE_DOWN.get(b.zone, b.zone)), factor) for b in shape.blocks
    )
    reduced = Shape(shape.warmup_s, blocks, shape.cooldown_s)
    if reduced.main_zone == "E":
        minutes = math.floor(shape.duration_s * factor / 300) * 5
        return Shape(0.0, (Block(1, max(15, minutes) * 60.0, "E"),), 0.0)
    return reduced


def _clock(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:g} min" if seconds % 60 == 0 else format_duration(seconds)


def shape_title(shape: Shape) -> str:
    """A session's own name from its main block: "Cruise intervals 4 × 3 min", "Easy run 40 min"."""
    main = next(b for b in shape.blocks if b.zone == shape.main_zone)
    continuous, repeats = FAMILY.get(main.zone, FAMILY["E"])
    if main.zone == "E" and len(shape.blocks) == 1:
        return f"{continuous} {round(shape.duration_s / 60)} min"
    if main.repeat == 1:
        return f"{continuous} {_clock(main.work_s)}"
    return f"{repeats} {main.repeat} × {_clock(main.work_s)}"


def shape_distance_m(shape: Shape, zones: Zones, pace_factor: float = 1.0) -> float | None:
    """How far the session goes at the middle of each zone's pace range (None without paces)."""
    if not zones.pace:
        return None
    total = 0.0
    parts = [(shape.warmup_s, "E"), (shape.cooldown_s, "E")]
    for b in shape.blocks:
        parts += [(b.repeat * b.work_s, b.zone), (b.repeat * b.recover_s, "E")]
    for seconds, zone in parts:
        slow, fast = zones.pace.get("T" if zone == "H" else zone, zones.pace.get("E", (600, 600)))
        total += seconds / ((slow + fast) / 2 * pace_factor) * 1000
    return total


def pace_text(zone: str, zones: Zones, pace_factor: float = 1.0) -> str | None:
    """The zone's pace range in the athlete's unit, fast first: "6:08–6:25 /km"."""
    bounds = zones.pace.get("T" if zone == "H" else zone)
    if bounds is None:
        return None
    slow, fast = (pace_in(v * pace_factor, zones.unit) for v in bounds)
    return f"{format_duration(fast)}–{format_duration(slow)} /{zones.unit}"


def heart_rate_text(zone: str, zones: Zones, *, recovery: bool = False) -> str | None:
    """The heart-rate range for a pace zone from the athlete's own zones: "141–147 bpm"."""
    table = HR_ZONES_FRIEL if "Z5a" in zones.heart_rate else HR_ZONES_FIVE
    names: Sequence[str] = ("Z1",) if recovery else table.get(zone, ())
    found = [zones.heart_rate[n] for n in names if n in zones.heart_rate]
    if not found:
        return None
    low, high = found[0][0], found[-1][1]
    return f"under {high + 1:.0f} bpm" if low <= 0 else f"{low:.0f}–{high:.0f} bpm"


def _main_set(shape: Shape) -> str:
    parts = []
    for b in shape.blocks:
        text = f"{_clock(b.work_s)} at {ZONE_WORDS.get(b.zone, 'easy')}"
        if b.repeat > 1:
            text = f"{b.repeat} × {text}"
            if b.recover_s:
                text += f", {_clock(b.recover_s)} {ZONE_WORDS.get(b.recover_zone, 'jog')} between"
        parts.append(text)
    return "; then ".join(parts)


def targets_of(
    shape: Shape, zones: Zones, pace_factor: float = 1.0, *, recovery: bool = False
) -> tuple[Target, ...]:
    """The session's targets in words: warm-up, main set, pace, heart rate, effort, cool-down."""
    zone = shape.main_zone
    out = []
    if shape.warmup_s:
        out.append(Target("Warm-up", f"{_clock(shape.warmup_s)} easy"))
    if shape.warmup_s or len(shape.blocks) > 1 or shape.blocks[0].repeat > 1:
        out.append(Target("Main set", _main_set(shape)))
    pace = pace_text(zone, zones, pace_factor)
    if pace:
        out.append(Target("Pace", pace if zone == "E" else f"{pace} ({ZONE_WORDS[zone]})"))
    heart = heart_rate_text(zone, zones, recovery=recovery)
    if heart:
        out.append(Target("Heart rate", heart))
    effort = "2/10, very easy" if recovery else EFFORT_WORDS.get(zone, EFFORT_WORDS["E"])
    out.append(Target("Effort", effort))
    if shape.cooldown_s:
        out.append(Target("Cool-down", f"{_clock(shape.cooldown_s)} easy"))
    return tuple(out)
