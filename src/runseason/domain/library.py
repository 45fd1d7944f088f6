"""The built-in session library: structured templates generated from documented grids.

Each template is a warm-up, one or more blocks of repeats (work and recovery, each with a target
pace zone and RPE) and a cool-down. Duration and load follow from the structure; distances depend
on the athlete's paces, so they are resolved per athlete (``resolve``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from runseason.domain.load import SRPE_PER_STRESS_POINT
from runseason.domain.paces import training_paces
from runseason.domain.plan_model import CatalogueEntry
from runseason.errors import InvalidInput

LIBRARY_VERSION = "2026.11"
ZONE_RPE = {"E": 3.0, "M": 5.5, "T": 7.0, "I": 8.5, "R": 9.0, "H": 8.0, "jog": 2.0, "walk": 1.0}
ALL_PHASES = ("base", "build", "peak", "taper", "recovery")
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


def _segments(structure: Mapping[str, Any]) -> list[tuple[float, str]]:
    out = [(float(structure.get("warmup_s", 0)), "E")]
    for block in structure.get("steps", []):
        for _ in range(int(block.get("repeat", 1))):
            work = block["work"]
            out.append((float(work["duration_s"]), str(work.get("zone", "E"))))
            recover = block.get("recover")
            if recover:
                out.append((float(recover["duration_s"]), str(recover.get("zone", "jog"))))
    out.append((float(structure.get("cooldown_s", 0)), "E"))
    return out


def structure_duration_s(structure: Mapping[str, Any]) -> float:
    """Seconds of the whole session."""
    return sum(seconds for seconds, _ in _segments(structure))


def structure_load(structure: Mapping[str, Any]) -> float:
    """Session-RPE (Foster et al. 2001) of the structure, in stress points."""
    srpe = sum(seconds / 60 * ZONE_RPE.get(zone, 3.0) for seconds, zone in _segments(structure))
    return srpe / SRPE_PER_STRESS_POINT


def validate_structure(structure: Mapping[str, Any]) -> None:
    """Refuse a structure with unknown zones, empty blocks or impossible lengths."""
    steps = structure.get("steps")
    if not isinstance(steps, list) or not steps:
        raise InvalidInput("A session needs at least one block of work.")
    for block in steps:
        repeat = block.get("repeat", 1)
        if not isinstance(repeat, int) or not 1 <= repeat <= 50:
            raise InvalidInput("Repeats are between 1 and 50.")
        for part in ("work", "recover"):
            step = block.get(part)
            if step is None and part == "recover":
                continue
            if not isinstance(step, Mapping) or step.get("zone") not in ZONE_RPE:
                raise InvalidInput(f"Each {part} step needs a zone among {', '.join(ZONE_RPE)}.")
            if not 5 <= float(step.get("duration_s", 0)) <= 6 * 3600:
                raise InvalidInput("A step lasts between 5 seconds and 6 hours.")
    if not 5 * 60 <= structure_duration_s(structure) <= 6 * 3600:
        raise InvalidInput("A session lasts between 5 minutes and 6 hours.")


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


def _simple(
    category: str,
    minutes_list: range | list[int],
    zone: str,
    name: str,
    purpose: str,
    phases: tuple[str, ...],
) -> list[TemplateSpec]:
    return [
        TemplateSpec(
            f"{category}-{m}",
            f"{name} {m} min",
            category,
            purpose,
            phases,
            "beginner",
            False,
            True,
            _continuous(m, zone, warm=False),
        )
        for m in minutes_list
    ]


def _reps(
    category: str,
    grid: list[tuple[int, int, int]],
    zone: str,
    name: str,
    purpose: str,
    phases: tuple[str, ...],
    rest_zone: str = "jog",
) -> list[TemplateSpec]:
    out = []
    for reps, work_s, rest_s in grid:
        work = f"{work_s // 60} min" if work_s >= 60 and work_s % 60 == 0 else f"{work_s} s"
        out.append(
            TemplateSpec(
                f"{category}-{reps}x{work_s}s",
                f"{name} {reps} × {work}",
                category,
                purpose,
                phases,
                _level(reps * work_s / 60),
                True,
                False,
                _intervals(reps, work_s, zone, rest_s, rest_zone),
            )
        )
    return out


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
        ALL_PHASES,
        "beginner",
        False,
        False,
        structure,
    )


def builtin_templates() -> tuple[TemplateSpec, ...]:
    """The whole built-in library (deterministic; codes are stable across versions)."""
    training = ("base", "build", "peak", "taper")
    specs = [
        *_simple(
            "easy",
            range(20, 95, 5),
            "E",
            "Easy run",
            "Aerobic base at conversational pace.",
            ALL_PHASES,
        ),
        *_simple(
            "recovery",
            [15, 20, 25, 30, 35, 40, 45],
            "E",
            "Recovery run",
            "Very easy running to recover; shorter than it feels it should be.",
            ALL_PHASES,
        ),
        *_simple(
            "long",
            range(60, 220, 10),
            "E",
            "Long run",
            "Endurance and fatigue resistance.",
            training,
        ),
        *_reps(
            "tempo",
            [(1, m * 60, 0) for m in (10, 15, 20, 25, 30, 35, 40, 45, 50)],
            "T",
            "Tempo",
            "Sustained threshold running.",
            ("build", "peak", "taper"),
        ),
        *_reps(
            "threshold_intervals",
            [
                (3, 480, 60),
                (4, 480, 60),
                (5, 480, 60),
                (3, 600, 90),
                (4, 600, 90),
                (2, 900, 120),
                (3, 720, 90),
                (6, 300, 60),
                (5, 360, 60),
                (4, 720, 90),
                (8, 180, 45),
                (10, 180, 45),
            ],
            "T",
            "Cruise intervals",
            "Threshold volume in manageable pieces.",
            ("build", "peak", "taper"),
        ),
        *_reps(
            "vo2max_intervals",
            [
                (5, 180, 150),
                (6, 180, 150),
                (4, 240, 180),
                (5, 240, 180),
                (8, 120, 90),
                (10, 120, 90),
                (4, 300, 180),
                (3, 300, 180),
                (12, 60, 60),
                (6, 150, 120),
                (5, 150, 120),
                (16, 60, 60),
            ],
            "I",
            "VO2max intervals",
            "Time at maximal aerobic power.",
            ("build", "peak", "taper"),
        ),
        *_reps(
            "hills",
            [
                (6, 60, 90),
                (8, 60, 90),
                (10, 60, 90),
                (6, 90, 120),
                (8, 90, 120),
                (10, 45, 75),
                (12, 30, 60),
                (5, 120, 150),
                (4, 120, 150),
                (12, 45, 75),
                (8, 30, 60),
                (15, 30, 60),
            ],
            "H",
            "Hill repeats",
            "Strength and economy on the hills; jog down.",
            ("base", "build"),
            rest_zone="jog",
        ),
        *_reps(
            "fartlek",
            [
                (8, 60, 60),
                (10, 60, 60),
                (6, 120, 60),
                (5, 180, 90),
                (12, 30, 30),
                (20, 30, 30),
                (4, 240, 120),
                (8, 90, 60),
                (15, 45, 45),
                (6, 150, 90),
            ],
            "I",
            "Fartlek",
            "Unstructured speed play on feel.",
            ("base", "build", "peak"),
            rest_zone="E",
        ),
        *[_strides(n) for n in (4, 5, 6, 8, 10)],
        *_reps(
            "strides_speed",
            [(6, 30, 90), (8, 30, 90), (10, 30, 90)],
            "R",
            "Repetitions",
            "Fast, relaxed running with full recovery.",
            ("base", "build", "peak"),
        ),
        *_reps(
            "race_pace",
            [
                (1, 40 * 60, 0),
                (2, 20 * 60, 180),
                (3, 15 * 60, 180),
                (2, 30 * 60, 240),
                (4, 10 * 60, 120),
                (3, 10 * 60, 120),
            ],
            "M",
            "Marathon pace",
            "Rehearse goal marathon pace.",
            ("build", "peak", "taper"),
        ),
        *_reps(
            "race_pace",
            [
                (4, 360, 120),
                (5, 300, 120),
                (3, 480, 150),
                (6, 240, 90),
                (2, 600, 180),
                (5, 180, 90),
            ],
            "I",
            "Race-pace reps",
            "Sharpen 5–10 km race pace.",
            ("peak", "taper"),
        ),
    ]
    specs += [
        TemplateSpec(
            f"progression-{m}-{z}",
            f"Progression {m} min to {z} pace",
            "progression",
            "Start easy, finish at a faster pace.",
            ("base", "build", "peak"),
            _level(m / 3),
            True,
            False,
            {
                "warmup_s": 0,
                "cooldown_s": 300,
                "steps": [
                    {"repeat": 1, "work": {"duration_s": m * 40, "zone": "E"}},
                    {"repeat": 1, "work": {"duration_s": m * 20, "zone": z}},
                ],
            },
        )
        for m in (40, 50, 60, 70, 80)
        for z in ("M", "T")
    ]
    codes = [s.code for s in specs]
    if len(codes) != len(set(codes)):
        raise InvalidInput("built-in template codes repeat")
    return tuple(specs)


@dataclass(frozen=True, slots=True)
class ResolvedStep:
    """One step of a template with its pace for a given athlete."""

    repeat: int
    duration_s: float
    zone: str
    pace_s_per_km: float | None
    distance_m: float | None


def zone_paces(vdot: float | None) -> dict[str, float]:
    """Seconds per km per zone for a VDOT (empty when unknown)."""
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


def resolve(
    structure: Mapping[str, Any], vdot: float | None
) -> tuple[list[ResolvedStep], float | None]:
    """The structure's steps with paces and distances for a VDOT, and the total distance."""
    paces = zone_paces(vdot)
    steps = []
    total = 0.0
    for seconds, zone in _segments(structure):
        if seconds <= 0:
            continue
        pace = paces.get(zone)
        distance = seconds / pace * 1000 if pace else None
        total += distance or 0.0
        steps.append(ResolvedStep(1, seconds, zone, pace, distance))
    return steps, (total if paces else None)
