"""A session's shape as workout steps with targets from the athlete's zones."""

from __future__ import annotations

import pytest

from runseason.domain.session_shape import Block, Shape, Zones, shape_of
from runseason.domain.workout import (
    Repeat,
    Step,
    estimated_pace_s_per_km,
    heart_rate_bounds,
    pace_bounds,
    step_estimate,
    workout_of,
    workout_totals,
)

ZONES = Zones(
    {"E": (380.0, 340.0), "M": (320.0, 310.0), "T": (290.0, 280.0), "I": (265.0, 255.0)},
    {"Z1": (0.0, 120.0), "Z2": (121.0, 140.0), "Z3": (141.0, 155.0), "Z4": (156.0, 168.0)},
)


def test_intervals_become_warm_up_a_repeat_of_work_and_jog_and_a_cool_down() -> None:
    shape = Shape(900, (Block(4, 180, "T", 60, "jog"),), 600)
    workout = workout_of("Cruise intervals", shape, ZONES)
    warm, repeat, cool = workout.parts
    assert isinstance(warm, Step)
    assert (warm.intensity, warm.duration_s, warm.pace_s_per_km) == ("warmup", 900, (380, 340))
    assert isinstance(repeat, Repeat)
    assert repeat.times == 4
    work, jog = repeat.steps
    assert (work.duration_s, work.pace_s_per_km, work.hr_bpm) == (180, (290, 280), (156, 168))
    assert (jog.intensity, jog.duration_s, jog.pace_s_per_km, jog.hr_bpm) == (
        "recovery",
        60,
        None,
        None,
    )
    assert isinstance(cool, Step)
    assert cool.intensity == "cooldown"
    assert len(workout.flat_steps()) == 4


def test_a_continuous_run_planned_by_distance_goes_by_distance() -> None:
    workout = workout_of("Long run", Shape(0, (Block(1, 5400, "E"),), 0), ZONES, 16000)
    (only,) = workout.parts
    assert isinstance(only, Step)
    assert (only.duration_s, only.distance_m) == (None, 16000)


def test_hill_work_takes_threshold_pace_and_missing_zones_give_no_target() -> None:
    assert pace_bounds("H", ZONES) == (290, 280)
    assert heart_rate_bounds("E", ZONES) == (121, 140)
    empty = Zones({}, {})
    assert pace_bounds("T", empty) is None
    assert heart_rate_bounds("T", empty) is None


def test_repeats_by_distance_go_by_distance_with_the_target_the_coach_chose() -> None:
    structure = {
        "warmup_m": 2000,
        "steps": [
            {
                "repeat": 6,
                "work": {"distance_m": 800, "zone": "I", "target": "heart_rate"},
                "recover": {"duration_s": 90, "zone": "jog"},
            },
            {"repeat": 1, "work": {"duration_s": 600, "zone": "T", "target": "effort"}},
        ],
        "cooldown_s": 600,
    }
    workout = workout_of("6 × 800 m", shape_of(structure, "", 0), ZONES)
    warm, reps, tempo, cool = workout.parts
    assert isinstance(warm, Step)
    assert isinstance(reps, Repeat)
    assert isinstance(tempo, Step)
    assert isinstance(cool, Step)
    assert (warm.distance_m, warm.duration_s, warm.pace_s_per_km) == (2000, None, (380, 340))
    work, jog = reps.steps
    assert (work.distance_m, work.duration_s, work.target) == (800, None, "heart_rate")
    assert (work.pace_s_per_km, work.hr_bpm) == (None, heart_rate_bounds("I", ZONES))
    assert (jog.duration_s, jog.distance_m) == (90, None)
    assert (tempo.target, tempo.pace_s_per_km, tempo.hr_bpm) == ("effort", None, None)


def test_a_single_block_keeps_its_recovery() -> None:
    shape = Shape(0, (Block(1, 1200, "T", 180, "jog"),), 0)
    steps = workout_of("Tempo", shape, ZONES).parts
    assert [s.intensity for s in steps if isinstance(s, Step)] == ["active", "recovery"]


def test_totals_count_repeats_and_time_distances_at_the_middle_of_the_zone() -> None:
    # I pace 255-265 s/km → 260; E 340-380 → 360, a jog 30 s slower → 390 s/km.
    shape = Shape(600, (Block(6, 0, "I", 90, "jog", work_m=800),), 600)
    workout = workout_of("x", shape, ZONES)
    seconds, metres = workout_totals(workout, ZONES)
    assert seconds == pytest.approx(600 + 6 * (0.8 * 260 + 90) + 600)
    assert metres == pytest.approx(1200 / 360 * 1000 + 6 * (800 + 90 / 390 * 1000))
    assert step_estimate(Step("Walk", "recovery", "walk", duration_s=600), ZONES) == (600, 1000)


def test_without_pace_zones_a_total_that_needs_a_pace_is_unknown() -> None:
    heart_only = Zones({}, ZONES.heart_rate)
    timed = workout_of("x", Shape(0, (Block(1, 1800, "E"),), 0), heart_only)
    assert workout_totals(timed, heart_only) == (1800, None)
    by_distance = workout_of("x", Shape(0, (Block(1, 0, "E", work_m=5000),), 0), heart_only)
    assert workout_totals(by_distance, heart_only) == (None, 5000)
    assert estimated_pace_s_per_km("T", heart_only) is None
