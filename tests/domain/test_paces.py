"""VDOT and training paces against Daniels & Gilbert worked values (SCIENCE.md §1)."""

from __future__ import annotations

import pytest

from runseason.domain.paces import (
    equivalent_time_s,
    fraction_of_max,
    oxygen_cost,
    training_paces,
    vdot,
    velocity_at,
)
from runseason.errors import InvalidInput


@pytest.mark.parametrize(
    ("distance_m", "time_s", "expected"),
    [(5000, 24 * 60 + 34, 39.110), (10000, 40 * 60, 51.944), (5000, 20 * 60, 49.806)],
)
def test_vdot_matches_the_worked_values(distance_m: float, time_s: float, expected: float) -> None:
    assert vdot(distance_m, time_s) == pytest.approx(expected, abs=0.001)


def test_ten_k_in_forty_minutes_has_the_published_components() -> None:
    assert oxygen_cost(250.0) == pytest.approx(47.4645, abs=1e-4)
    assert fraction_of_max(40.0) == pytest.approx(0.913761, abs=1e-6)


def test_the_percent_max_function_uses_the_exponential_not_a_power() -> None:
    # The wrong copies (pow(0.1894393, ...)) give about 0.80 at 40 minutes.
    assert fraction_of_max(40.0) > 0.9


def test_velocity_inverts_oxygen_cost() -> None:
    for v in (150.0, 250.0, 400.0):
        assert velocity_at(oxygen_cost(v)) == pytest.approx(v, rel=1e-9)


@pytest.mark.parametrize("distance_m", [1500.0, 5000.0, 10000.0, 21097.5, 42195.0])
def test_equivalent_time_reproduces_the_race_it_came_from(distance_m: float) -> None:
    value = vdot(5000, 20 * 60)
    assert vdot(distance_m, equivalent_time_s(value, distance_m)) == pytest.approx(value, rel=1e-6)


def test_vdot_marathon_equivalent_of_a_twenty_minute_5k() -> None:
    assert equivalent_time_s(vdot(5000, 1200), 42195) == pytest.approx(
        3 * 3600 + 11 * 60 + 17, abs=1
    )


@pytest.mark.parametrize(
    ("field", "expected_s_per_km"),
    [
        ("threshold_s_per_km", 255),  # Daniels' table, VDOT 50: T 4:15/km
        ("interval_s_per_km", 235),  # I 3:55/km
        ("marathon_s_per_km", 271),  # M 4:31/km
        ("repetition_s_per_km", 220),  # R 88 s per 400 m
    ],
)
def test_training_paces_for_vdot_50_match_the_published_table(
    field: str, expected_s_per_km: float
) -> None:
    paces = training_paces(50)
    assert getattr(paces, field) == pytest.approx(expected_s_per_km, rel=0.0025 * 2)


def test_easy_pace_is_a_range_slower_than_marathon_pace() -> None:
    paces = training_paces(45)
    assert paces.easy_slow_s_per_km > paces.easy_fast_s_per_km > paces.marathon_s_per_km


def test_repetition_pace_gains_eight_seconds_per_400m_below_vdot_50() -> None:
    paces = training_paces(40)
    assert paces.interval_s_per_km - paces.repetition_s_per_km == pytest.approx(20)


@pytest.mark.parametrize(
    ("distance_m", "time_s"), [(0, 100), (5000, 0), (5000, 60), (42195, 40000)]
)
def test_refuses_performances_outside_the_model(distance_m: float, time_s: float) -> None:
    with pytest.raises(InvalidInput):
        vdot(distance_m, time_s)


def test_refuses_an_impossible_vdot() -> None:
    with pytest.raises(InvalidInput):
        training_paces(120)
