"""Template choice: by role, phase and level, rotating deterministically."""

from __future__ import annotations

import pytest

from runseason.domain.plan_templates import TemplatePicker
from tests.domain.test_periodization import CATALOGUE, entry


@pytest.mark.parametrize(
    ("role", "phase", "level", "codes"),
    [
        ("easy", "build", "beginner", ["easy-aerobic"]),
        ("easy", "build", "intermediate", ["easy-aerobic", "easy-hilly"]),
        ("easy", "recovery", "advanced", ["easy-aerobic"]),
        ("recovery", "taper", "beginner", ["recovery-jog"]),
        ("long", "peak", "advanced", ["long-fast-finish", "long-steady"]),
        ("strides", "base", "beginner", ["strides-6x20"]),
        ("strides", "peak", "beginner", []),
        ("quality", "base", "beginner", ["hills-short", "fartlek-classic"]),
        (
            "quality",
            "peak",
            "advanced",
            ["vo2-5x1000", "cruise-3x10", "race-pace-blocks", "tempo-20", "vo2-6x800"],
        ),
        ("quality", "recovery", "advanced", []),
        ("warm-up", "base", "advanced", []),
    ],
)
def test_candidates_suit_the_role_phase_and_level_in_rotation_order(
    role: str, phase: str, level: str, codes: list[str]
) -> None:
    picker = TemplatePicker(CATALOGUE, level)
    assert [e.code for e in picker.candidates(role, phase)] == codes


def test_rotation_cycles_through_candidates_by_turn() -> None:
    picker = TemplatePicker(CATALOGUE, "beginner")
    picks = [picker.pick("quality", "base", turn) for turn in range(4)]
    assert [p.code if p else None for p in picks] == [
        "hills-short",
        "fartlek-classic",
        "hills-short",
        "fartlek-classic",
    ]
    assert picker.pick("strides", "peak", 0) is None


def test_recovery_falls_back_to_an_easy_template_and_long_runs_prefer_easy_ones() -> None:
    catalogue = (
        entry("easy-a", "easy", ("build",)),
        entry("long-hard", "long", ("build",), hard=True),
        entry("long-easy", "long", ("build",)),
        entry("long-hard-only", "long", ("peak",), hard=True),
    )
    picker = TemplatePicker(catalogue, "beginner")
    assert [e.code for e in picker.candidates("recovery", "build")] == ["easy-a"]
    assert [e.code for e in picker.candidates("long", "build")] == ["long-easy"]
    assert [e.code for e in picker.candidates("long", "peak")] == ["long-hard-only"]
