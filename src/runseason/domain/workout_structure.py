"""A template's stored structure: warm-up, blocks of work and recovery, cool-down, and its checks.

A structure is a plain mapping (stored as JSON on the template)::

    {"warmup_s": 900,                      # or "warmup_m": 2000 (a distance)
     "steps": [{"repeat": 6,
                "work": {"distance_m": 800, "zone": "I", "target": "pace"},
                "recover": {"duration_s": 90, "zone": "jog"}}],
     "cooldown_s": 600}                    # or "cooldown_m"

Each work or recovery part lasts a time (``duration_s``) or a distance (``distance_m``); its
``zone`` is a pace zone (Daniels' E, M, T, I, R, hill effort H) or a jog or walk; its ``target``
says what the watch follows: the zone's pace (the default), its heart rate, or effort alone.
Before an athlete is known, a part planned by distance is timed at a reference runner's paces.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from runseason.domain.paces import training_paces
from runseason.domain.units import parse_distance, parse_duration
from runseason.errors import InvalidInput

# Session-RPE per zone (CR-10), our defaults for a planned session's load.
ZONE_RPE = {"E": 3.0, "M": 5.5, "T": 7.0, "I": 8.5, "R": 9.0, "H": 8.0, "jog": 2.0, "walk": 1.0}
TARGETS = ("pace", "heart_rate", "effort")
TARGET_WORDS = {"pace": "pace", "heart_rate": "heart rate", "effort": "effort"}
# Our default: a mid-pack runner (VDOT 45) times a part planned by distance before an athlete
# is known, for the template's estimated time and load.
REFERENCE_VDOT = 45.0
MAX_REPEAT = 50
STEP_S = (5.0, 6 * 3600.0)
STEP_M = (50.0, 100_000.0)
EDGE_S = (0.0, 2 * 3600.0)
EDGE_M = (0.0, 30_000.0)
SESSION_S = (5 * 60.0, 6 * 3600.0)


def zone_paces(vdot: float | None) -> dict[str, float]:
    """Seconds per km per zone for a VDOT (empty when unknown); a jog is easy pace plus 30 s."""
    if vdot is None:
        return {}
    p = training_paces(vdot)
    easy = (p.easy_slow_s_per_km + p.easy_fast_s_per_km) / 2
    return {
        "E": easy,
        "M": p.marathon_s_per_km,
        "T": p.threshold_s_per_km,
        "I": p.interval_s_per_km,
        "R": p.repetition_s_per_km,
        "H": p.threshold_s_per_km,
        "jog": easy + 30,
        "walk": 600.0,
    }


_REFERENCE = zone_paces(REFERENCE_VDOT)


def part_seconds(part: Mapping[str, Any], zone: str) -> float:
    """A part's time: its duration, or its distance at the reference runner's pace in ``zone``."""
    if part.get("duration_s") is not None:
        return float(part["duration_s"])
    distance = part.get("distance_m")
    if distance is None:
        return 0.0
    return float(distance) / 1000 * _REFERENCE.get(zone, _REFERENCE["E"])


def edge_seconds(structure: Mapping[str, Any], edge: str) -> float:
    """The warm-up's (``edge="warmup"``) or cool-down's time, run easy."""
    return part_seconds(
        {"duration_s": structure.get(f"{edge}_s"), "distance_m": structure.get(f"{edge}_m")}, "E"
    )


def segments(structure: Mapping[str, Any]) -> list[tuple[float, str]]:
    """(seconds, zone) of each part in order, repeats unrolled."""
    out = [(edge_seconds(structure, "warmup"), "E")]
    for block in structure.get("steps", []):
        work = block["work"]
        recover = block.get("recover")
        for _ in range(int(block.get("repeat", 1))):
            zone = str(work.get("zone", "E"))
            out.append((part_seconds(work, zone), zone))
            if recover:
                rest = str(recover.get("zone", "jog"))
                out.append((part_seconds(recover, rest), rest))
    out.append((edge_seconds(structure, "cooldown"), "E"))
    return out


def structure_duration_s(structure: Mapping[str, Any]) -> float:
    """Seconds of the whole session."""
    return sum(seconds for seconds, _ in segments(structure))


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInput(f"{where}: write a number.")
    return float(value)


def _within(value: float, bounds: tuple[float, float], where: str, words: str) -> None:
    if not bounds[0] <= value <= bounds[1]:
        raise InvalidInput(f"{where}: {words}.")


def _check_amount(part: Mapping[str, Any], where: str) -> None:
    """Exactly one of a duration and a distance, each within its range."""
    duration, distance = part.get("duration_s"), part.get("distance_m")
    if (duration is None) == (distance is None):
        raise InvalidInput(f"{where}: give a time or a distance (one of them).")
    if duration is not None:
        seconds = _number(duration, f"{where} time")
        _within(seconds, STEP_S, f"{where} time", "between 5 seconds and 6 hours")
    else:
        metres = _number(distance, f"{where} distance")
        _within(metres, STEP_M, f"{where} distance", "between 50 m and 100 km")


def _check_part(part: Any, where: str, zones: tuple[str, ...]) -> None:
    if not isinstance(part, Mapping):
        raise InvalidInput(f"{where}: missing.")
    if part.get("zone") not in zones:
        raise InvalidInput(f"{where} zone: choose one of {', '.join(zones)}.")
    if part.get("target", "pace") not in TARGETS:
        raise InvalidInput(f"{where} target: pace, heart rate or effort.")
    _check_amount(part, where)


def _check_edge(structure: Mapping[str, Any], edge: str, name: str) -> None:
    duration, distance = structure.get(f"{edge}_s"), structure.get(f"{edge}_m")
    if duration is not None and distance is not None:
        raise InvalidInput(f"{name}: give a time or a distance, not both.")
    if duration is not None:
        seconds = _number(duration, f"{name} time")
        _within(seconds, EDGE_S, f"{name} time", "between none and 2 hours")
    if distance is not None:
        metres = _number(distance, f"{name} distance")
        _within(metres, EDGE_M, f"{name} distance", "between none and 30 km")


def validate_structure(structure: Mapping[str, Any]) -> None:
    """Refuse a structure with an unknown zone, an empty main set or an impossible length,
    naming the part: "Main set row 2, work time: between 5 seconds and 6 hours."."""
    _check_edge(structure, "warmup", "Warm-up")
    steps = structure.get("steps")
    if not isinstance(steps, list) or not steps:
        raise InvalidInput("Main set: a session needs at least one block of work.")
    work_zones = tuple(ZONE_RPE)
    for row, block in enumerate(steps, start=1):
        where = f"Main set row {row}"
        if not isinstance(block, Mapping):
            raise InvalidInput(f"{where}: missing.")
        repeat = block.get("repeat", 1)
        if isinstance(repeat, bool) or not isinstance(repeat, int):
            raise InvalidInput(f"{where}, repeats: a whole number between 1 and {MAX_REPEAT}.")
        _within(repeat, (1, MAX_REPEAT), f"{where}, repeats", f"between 1 and {MAX_REPEAT}")
        _check_part(block.get("work"), f"{where}, work", work_zones)
        if block.get("recover") is not None:
            _check_part(block["recover"], f"{where}, recovery", work_zones)
    _check_edge(structure, "cooldown", "Cool-down")
    total = structure_duration_s(structure)
    if not SESSION_S[0] <= total <= SESSION_S[1]:
        raise InvalidInput(
            "Whole session: between 5 minutes and 6 hours "
            f"(this one is about {total / 60:.0f} min)."
        )


# --- the editor's words: a coach writes each amount as text ("800 m", "3 min", "90 s", "3:00")

_SECONDS = re.compile(r"^(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|min|mins|minutes?|h|hours?)$")
_UNIT_SECONDS = {"s": 1, "sec": 1, "min": 60, "h": 3600}
AMOUNT_HELP = "write a time or a distance with its unit, e.g. 3:00, 90 s, 3 min, 800 m or 2 km"


def parse_amount(text: str, where: str) -> dict[str, float]:
    """``{"duration_s": ...}`` or ``{"distance_m": ...}`` from what a coach typed; an error
    names ``where``: "Main set row 2, work: '8oo' is not ... "."""
    typed = text.strip().lower()
    if not typed:
        raise InvalidInput(f"{where}: missing; {AMOUNT_HELP}.")
    timed = _SECONDS.match(typed)
    try:
        if timed:
            unit = next(u for u in ("sec", "min", "s", "h") if timed.group(2).startswith(u))
            return {"duration_s": float(timed.group(1)) * _UNIT_SECONDS[unit]}
        if ":" in typed:
            return {"duration_s": parse_duration(typed)}
        if re.fullmatch(r"\d+(?:\.\d+)?", typed):
            raise InvalidInput("a number without its unit")
        return {"distance_m": parse_distance(typed)}
    except InvalidInput:
        raise InvalidInput(f"{where}: '{text.strip()}' is not clear; {AMOUNT_HELP}.") from None


@dataclass(frozen=True, slots=True)
class BlockText:
    """One row of the main set as the editor holds it."""

    repeat: int
    work: str
    zone: str
    target: str = "pace"
    recovery: str = ""
    recovery_zone: str = "jog"


def _edge(text: str, edge: str, name: str) -> dict[str, float]:
    if not text.strip():
        return {}
    amount = parse_amount(text, name)
    key = "s" if "duration_s" in amount else "m"
    return {f"{edge}_{key}": next(iter(amount.values()))}


def structure_of_text(warmup: str, blocks: Sequence[BlockText], cooldown: str) -> dict[str, Any]:
    """The structure the editor's rows describe, checked (``validate_structure``); an error
    names the row and the field."""
    steps = []
    for row, block in enumerate(blocks, start=1):
        where = f"Main set row {row}"
        step: dict[str, Any] = {
            "repeat": block.repeat,
            "work": {
                **parse_amount(block.work, f"{where}, work"),
                "zone": block.zone,
                "target": block.target,
            },
        }
        if block.recovery.strip():
            amount = parse_amount(block.recovery, f"{where}, recovery")
            step["recover"] = {**amount, "zone": block.recovery_zone}
        steps.append(step)
    structure = {
        **_edge(warmup, "warmup", "Warm-up"),
        "steps": steps,
        **_edge(cooldown, "cooldown", "Cool-down"),
    }
    validate_structure(structure)
    return structure
