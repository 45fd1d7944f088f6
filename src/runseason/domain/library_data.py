"""The built-in library's families: a category, its words, its zone and the grid of sizes it has.

``library.builtin_templates`` turns each family into one template per size, in this order; the
codes it derives from the sizes stay stable across versions.
"""

from __future__ import annotations

from dataclasses import dataclass

from runseason.domain.plan_model import PHASES, TRAINING_PHASES


@dataclass(frozen=True, slots=True)
class Continuous:
    """One steady run in one zone: a template per length in minutes."""

    category: str
    name: str
    purpose: str
    phases: tuple[str, ...]
    zone: str
    minutes: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Repeats:
    """Work and recovery repeated: a template per (repeats, work s, recovery s) of the grid."""

    category: str
    name: str
    purpose: str
    phases: tuple[str, ...]
    zone: str
    grid: tuple[tuple[int, int, int], ...]
    rest_zone: str = "jog"


@dataclass(frozen=True, slots=True)
class Strides:
    """An easy half hour finished with strides: a template per number of strides."""

    counts: tuple[int, ...]


Family = Continuous | Repeats | Strides

FAMILIES: tuple[Family, ...] = (
    Continuous(
        "easy",
        "Easy run",
        "Aerobic base at conversational pace.",
        PHASES,
        "E",
        tuple(range(20, 95, 5)),
    ),
    Continuous(
        "recovery",
        "Recovery run",
        "Very easy running to recover; shorter than it feels it should be.",
        PHASES,
        "E",
        (15, 20, 25, 30, 35, 40, 45),
    ),
    Continuous(
        "long",
        "Long run",
        "Endurance and fatigue resistance.",
        TRAINING_PHASES,
        "E",
        tuple(range(60, 220, 10)),
    ),
    Repeats(
        "tempo",
        "Tempo",
        "Sustained threshold running.",
        ("build", "peak", "taper"),
        "T",
        tuple((1, m * 60, 0) for m in (10, 15, 20, 25, 30, 35, 40, 45, 50)),
    ),
    Repeats(
        "threshold_intervals",
        "Cruise intervals",
        "Threshold volume in manageable pieces.",
        ("build", "peak", "taper"),
        "T",
        (
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
        ),
    ),
    Repeats(
        "vo2max_intervals",
        "VO2max intervals",
        "Time at maximal aerobic power.",
        ("build", "peak", "taper"),
        "I",
        (
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
        ),
    ),
    Repeats(
        "hills",
        "Hill repeats",
        "Strength and economy on the hills; jog down.",
        ("base", "build"),
        "H",
        (
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
        ),
    ),
    Repeats(
        "fartlek",
        "Fartlek",
        "Unstructured speed play on feel.",
        ("base", "build", "peak"),
        "I",
        (
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
        ),
        rest_zone="E",
    ),
    Strides((4, 5, 6, 8, 10)),
    Repeats(
        "strides_speed",
        "Repetitions",
        "Fast, relaxed running with full recovery.",
        ("base", "build", "peak"),
        "R",
        ((6, 30, 90), (8, 30, 90), (10, 30, 90)),
    ),
    Repeats(
        "race_pace",
        "Marathon pace",
        "Rehearse goal marathon pace.",
        ("build", "peak", "taper"),
        "M",
        (
            (1, 40 * 60, 0),
            (2, 20 * 60, 180),
            (3, 15 * 60, 180),
            (2, 30 * 60, 240),
            (4, 10 * 60, 120),
            (3, 10 * 60, 120),
        ),
    ),
    Repeats(
        "race_pace",
        "Race-pace reps",
        "Sharpen 5–10 km race pace.",
        ("peak", "taper"),
        "I",
        (
            (4, 360, 120),
            (5, 300, 120),
            (3, 480, 150),
            (6, 240, 90),
            (2, 600, 180),
            (5, 180, 90),
        ),
    ),
)
# Progression runs: two thirds easy, then the last third at marathon or threshold pace.
PROGRESSION_MINUTES = (40, 50, 60, 70, 80)
PROGRESSION_ZONES = ("M", "T")
