"""A session's shape as workout steps with targets from the athlete's zones."""

from __future__ import annotations

from runseason.domain.session_shape import Block, Shape, Zones
from runseason.domain.workout import Repeat, Step, heart_rate_bounds, pace_bounds, workout_of

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
