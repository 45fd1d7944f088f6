"""On track for race day: fitness projected over the plan's loads and the race time it implies."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from runseason.domain.paces import equivalent_time_s
from runseason.domain.projection import expected_vdot, on_track, project

TODAY = date(2026, 3, 1)
RACE = TODAY + timedelta(days=70)
MARATHON = 42195.0


def test_projection_follows_the_fitness_recurrence() -> None:
    days = project(TODAY, 0.0, 0.0, [100.0] + [0.0] * 6)
    assert days[0].ctl == pytest.approx(2.3810, abs=1e-4)
    assert days[0].atl == pytest.approx(14.2857, abs=1e-4)
    assert days[1].form == pytest.approx(-11.9048, abs=1e-4)


def test_expected_vdot_is_a_range_that_grows_with_fitness_and_is_capped() -> None:
    assert expected_vdot(50.0, 10.0) == pytest.approx((50.5, 51.5))
    assert expected_vdot(50.0, -10.0) == pytest.approx((48.5, 49.5))
    assert expected_vdot(50.0, 200.0) == pytest.approx((55.0, 55.0))
    assert expected_vdot(50.0, 0.0) == pytest.approx((50.0, 50.0))


def loads_to_race(per_day: float) -> list[float]:
    return [per_day] * (RACE - TODAY).days


def test_a_rising_plan_predicts_a_faster_range_than_today() -> None:
    result = on_track(TODAY, RACE, (40.0, 40.0), loads_to_race(70.0), 45.0, MARATHON, None)
    now_s = equivalent_time_s(45.0, MARATHON)
    assert result.ctl_race_day > 40.0
    assert result.vdot_low > 45.0
    assert result.fast_s < result.slow_s < now_s
    assert result.fast_s == pytest.approx(equivalent_time_s(result.vdot_high, MARATHON))
    assert result.verdict == "no goal time"


def test_race_day_fitness_comes_from_the_planned_loads() -> None:
    result = on_track(TODAY, RACE, (40.0, 40.0), loads_to_race(40.0), 45.0, MARATHON, None)
    assert result.ctl_race_day == pytest.approx(40.0)
    assert result.form_race_day == pytest.approx(0.0)
    assert (result.vdot_low, result.vdot_high) == pytest.approx((45.0, 45.0))


@pytest.mark.parametrize(
    ("goal_shift_s", "verdict"),
    [(+600, "on track"), (0, "on track"), (-1, "within reach"), (-3600, "behind")],
)
def test_the_goal_is_judged_against_the_range(goal_shift_s: float, verdict: str) -> None:
    base = on_track(TODAY, RACE, (40.0, 40.0), loads_to_race(70.0), 45.0, MARATHON, None)
    goal = base.slow_s + goal_shift_s
    result = on_track(TODAY, RACE, (40.0, 40.0), loads_to_race(70.0), 45.0, MARATHON, goal)
    assert result.verdict == verdict


def test_a_taper_before_race_day_shows_as_positive_form() -> None:
    loads = [80.0] * 56 + [30.0] * 14
    result = on_track(TODAY, RACE, (60.0, 70.0), loads, 50.0, MARATHON, None)
    assert result.form_race_day > 0
