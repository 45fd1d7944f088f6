"""A session's shape, one zone easier and shorter, and its targets in words."""

from __future__ import annotations

import pytest

from runseason.domain.library import builtin_templates
from runseason.domain.session_shape import (
    Zones,
    heart_rate_text,
    pace_text,
    reduced_shape,
    shape_distance_m,
    shape_of,
    shape_title,
)
from runseason.domain.workout_structure import part_seconds, structure_duration_s

SPECS = {s.code: s for s in builtin_templates()}


def shape(code: str):  # type: ignore[no-untyped-def]
    spec = SPECS[code]
    return shape_of(spec.structure, spec.category, spec.duration_s)


@pytest.mark.parametrize(
    ("code", "title", "reduced"),
    [
        ("vo2max_intervals-5x180s", "VO2max intervals 5 × 3 min", "Cruise intervals 4 × 3 min"),
        ("threshold_intervals-4x480s", "Cruise intervals 4 × 8 min", "Marathon pace 3 × 8 min"),
        ("tempo-1x1200s", "Tempo 20 min", "Marathon-pace run 16 min"),
        ("hills-8x60s", "Hill repeats 8 × 1 min", "Cruise intervals 6 × 1 min"),
        ("strides_speed-8x30s", "Repetitions 8 × 30 s", "VO2max intervals 6 × 30 s"),
        ("race_pace-1x2400s", "Marathon-pace run 40 min", "Easy run 50 min"),
    ],
)
def test_one_zone_easier_and_shorter_with_its_own_name(code: str, title: str, reduced: str) -> None:
    before = shape(code)
    after = reduced_shape(before, 0.8)
    assert shape_title(before) == title
    assert shape_title(after) == reduced
    assert after.duration_s < before.duration_s


def test_a_session_without_structure_gets_a_warm_up_and_cool_down() -> None:
    tempo = shape_of(None, "tempo", 3600)
    assert (tempo.warmup_s, tempo.cooldown_s, tempo.main_zone) == (900, 600, "T")
    assert tempo.duration_s == 3600
    assert shape_of(None, "easy", 2700).warmup_s == 0


@pytest.mark.parametrize(("unit", "text"), [("km", "4:54–5:06 /km"), ("mi", "7:53–8:12 /mi")])
def test_pace_text_fast_first_in_the_unit(unit: str, text: str) -> None:
    zones = Zones({"T": (306.0, 294.0)}, {}, unit)  # type: ignore[arg-type]
    assert pace_text("T", zones) == text


def test_pace_text_slows_with_the_environment() -> None:
    zones = Zones({"E": (400.0, 360.0)}, {})
    assert pace_text("E", zones, 1.05) == "6:18–7:00 /km"
    assert pace_text("I", zones) is None


@pytest.mark.parametrize(
    ("heart", "zone", "text"),
    [
        ({"Z1": (0.0, 140.0), "Z2": (141.0, 147.0)}, "E", "141–147 bpm"),
        ({"Z1": (95.0, 114.0), "Z2": (114.0, 133.0), "Z5": (171.0, 190.0)}, "I", "171–190 bpm"),
        ({"Z1": (95.0, 114.0)}, "R", None),
        ({}, "E", None),
    ],
)
def test_heart_rate_text(heart: dict, zone: str, text: str | None) -> None:
    assert heart_rate_text(zone, Zones({}, heart)) == text


def test_distance_follows_the_paces_or_is_unknown() -> None:
    easy = shape("easy-40")
    assert shape_distance_m(easy, Zones({"E": (400.0, 400.0)}, {})) == pytest.approx(6000)
    assert shape_distance_m(easy, Zones({}, {})) is None


def test_a_part_planned_by_distance_keeps_it_beside_its_estimated_time() -> None:
    structure = {
        "warmup_m": 2000,
        "steps": [
            {
                "repeat": 6,
                "work": {"distance_m": 800, "zone": "I", "target": "heart_rate"},
                "recover": {"distance_m": 200, "zone": "walk"},
            }
        ],
        "cooldown_s": 600,
    }
    shape = shape_of(structure, "vo2max_intervals", 0)
    (block,) = shape.blocks
    assert (block.work_m, block.recover_m, block.target) == (800, 200, "heart_rate")
    assert block.work_s == part_seconds({"distance_m": 800}, "I")
    assert block.recover_s == 200 / 1000 * 600  # a walk at 10:00 /km
    assert (shape.warmup_m, shape.cooldown_m, shape.cooldown_s) == (2000, None, 600)
    assert shape.duration_s == pytest.approx(structure_duration_s(structure))
