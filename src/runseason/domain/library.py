"""The built-in session library: structured templates generated from documented grids.

Each template is a warm-up, one or more blocks of repeats (work and recovery, each with a target
pace zone and RPE) and a cool-down. Duration and load follow from the structure; distances depend
on the athlete's paces, so they are resolved per athlete (``resolve``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from runseason.domain.library_data import (
    FAMILIES,
    PROGRESSION_MINUTES,
    PROGRESSION_ZONES,
    Continuous,
    Family,
    Repeats,
)
from runseason.domain.load import SRPE_PER_STRESS_POINT
from runseason.domain.plan_model import PHASES, CatalogueEntry
from runseason.domain.workout_structure import (
    ZONE_RPE,
    segments,
    structure_duration_s,
    zone_paces,
)
from runseason.errors import InvalidInput

LIBRARY_VERSION = "2026.11"
WARMUP_S, COOLDOWN_S = 900, 600


@dataclass(frozen=True, slots=True)
class TemplateSpec:
    """One template of the library."""

    code: str
    name: str
    category: str
    purpose: str
    phases: tuple[str, ...]
    level: str
    is_hard: bool
    scalable: bool
    structure: Mapping[str, Any]

    @property
    def duration_s(self) -> float:
        """Total planned time from the structure."""
        return structure_duration_s(self.structure)

    @property
    def load(self) -> float:
        """Planned load in stress points from the structure's RPEs."""
        return structure_load(self.structure)

    @property
    def rpe_target(self) -> float:
        """The time-weighted RPE of the session."""
        minutes = self.duration_s / 60
        return round(self.load * SRPE_PER_STRESS_POINT / minutes, 1) if minutes else 0.0

    def catalogue_entry(self) -> CatalogueEntry:
        """The view the plan builder needs."""
        return CatalogueEntry(
            self.code,
            self.category,
            self.phases,
            self.is_hard,
            self.level,
            self.scalable,
            self.duration_s,
        )


def structure_load(structure: Mapping[str, Any]) -> float:
    """Session-RPE (Foster et al. 2001) of the structure, in stress points."""
    srpe = sum(seconds / 60 * ZONE_RPE.get(zone, 3.0) for seconds, zone in segments(structure))
    return srpe / SRPE_PER_STRESS_POINT


def _continuous(minutes: float, zone: str, warm: bool = True) -> dict[str, Any]:
    return {
        "warmup_s": WARMUP_S if warm else 0,
        "steps": [{"repeat": 1, "work": {"duration_s": minutes * 60, "zone": zone}}],
        "cooldown_s": COOLDOWN_S if warm else 0,
    }


def _intervals(
    reps: int, work_s: float, zone: str, rest_s: float, rest_zone: str = "jog"
) -> dict[str, Any]:
    block: dict[str, Any] = {"repeat": reps, "work": {"duration_s": work_s, "zone": zone}}
    if rest_s > 0:
        block["recover"] = {"duration_s": rest_s, "zone": rest_zone}
    return {"warmup_s": WARMUP_S, "cooldown_s": COOLDOWN_S, "steps": [block]}


def _level(work_minutes: float) -> str:
    return (
        "beginner" if work_minutes <= 16 else "intermediate" if work_minutes <= 32 else "advanced"
    )


def builtin_templates() -> tuple[TemplateSpec, ...]:
    """The whole built-in library (deterministic; codes are stable across versions)."""
    specs = [spec for family in FAMILIES for spec in _templates_of(family)]
    specs += [_progression(m, z) for m in PROGRESSION_MINUTES for z in PROGRESSION_ZONES]
    codes = [s.code for s in specs]
    if len(codes) != len(set(codes)):
        raise InvalidInput("built-in template codes repeat")
    return tuple(specs)


def _templates_of(family: Family) -> list[TemplateSpec]:
    if isinstance(family, Continuous):
        return [_continuous_template(family, m) for m in family.minutes]
    if isinstance(family, Repeats):
        return [_repeats_template(family, *size) for size in family.grid]
    return [_strides(n) for n in family.counts]


def _continuous_template(family: Continuous, minutes: int) -> TemplateSpec:
    return TemplateSpec(
        f"{family.category}-{minutes}",
        f"{family.name} {minutes} min",
        family.category,
        family.purpose,
        family.phases,
        "beginner",
        False,
        True,
        _continuous(minutes, family.zone, warm=False),
    )


def _repeats_template(family: Repeats, reps: int, work_s: int, rest_s: int) -> TemplateSpec:
    work = f"{work_s // 60} min" if work_s >= 60 and work_s % 60 == 0 else f"{work_s} s"
    return TemplateSpec(
        f"{family.category}-{reps}x{work_s}s",
        f"{family.name} {reps} × {work}",
        family.category,
        family.purpose,
        family.phases,
        _level(reps * work_s / 60),
        True,
        False,
        _intervals(reps, work_s, family.zone, rest_s, family.rest_zone),
    )


def _strides(count: int) -> TemplateSpec:
    structure = {
        "warmup_s": 0,
        "cooldown_s": 300,
        "steps": [
            {"repeat": 1, "work": {"duration_s": 30 * 60, "zone": "E"}},
            {
                "repeat": count,
                "work": {"duration_s": 20, "zone": "R"},
                "recover": {"duration_s": 60, "zone": "walk"},
            },
        ],
    }
    return TemplateSpec(
        f"strides_speed-{count}x20s",
        f"Easy 30 min + {count} strides",
        "strides_speed",
        "Leg speed and form without fatigue.",
        PHASES,
        "beginner",
        False,
        False,
        structure,
    )


def _progression(minutes: int, zone: str) -> TemplateSpec:
    return TemplateSpec(
        f"progression-{minutes}-{zone}",
        f"Progression {minutes} min to {zone} pace",
        "progression",
        "Start easy, finish at a faster pace.",
        ("base", "build", "peak"),
        _level(minutes / 3),
        True,
        False,
        {
            "warmup_s": 0,
            "cooldown_s": 300,
            "steps": [
                {"repeat": 1, "work": {"duration_s": minutes * 40, "zone": "E"}},
                {"repeat": 1, "work": {"duration_s": minutes * 20, "zone": zone}},
            ],
        },
    )


@dataclass(frozen=True, slots=True)
class ResolvedStep:
    """One step of a template with its pace for a given athlete."""

    repeat: int
    duration_s: float
    zone: str
    pace_s_per_km: float | None
    distance_m: float | None


def resolve(
    structure: Mapping[str, Any], vdot: float | None
) -> tuple[list[ResolvedStep], float | None]:
    """The structure's steps with paces and distances for a VDOT, and the total distance."""
    paces = zone_paces(vdot)
    steps = []
    total = 0.0
    for seconds, zone in segments(structure):
        if seconds <= 0:
            continue
        pace = paces.get(zone)
        distance = seconds / pace * 1000 if pace else None
        total += distance or 0.0
        steps.append(ResolvedStep(1, seconds, zone, pace, distance))
    return steps, (total if paces else None)
