"""Plausible sessions only: each refused value names its field, in the athlete's unit."""

from __future__ import annotations

import pytest

from runseason.domain.plausibility import LoggedValues, implausible_values


def fields(values: LoggedValues, unit: str = "km") -> list[str]:
    return [f.field for f in implausible_values(values, unit)]  # type: ignore[arg-type]


def test_an_ordinary_run_passes() -> None:
    assert implausible_values(LoggedValues("run", 3000, 10_000, 150, 175)) == []


def test_a_ten_km_run_in_fifteen_minutes_is_refused_with_its_pace() -> None:
    (problem,) = implausible_values(LoggedValues("run", 900, 10_000))
    assert problem.field == "distance_m"
    assert problem.confirmable
    assert "Distance and duration" in problem.message
    assert "1:30/km" in problem.message
    assert "faster than 2:30/km" in problem.message


def test_the_pace_is_shown_in_miles_for_a_runner_in_miles() -> None:
    (problem,) = implausible_values(LoggedValues("run", 900, 10_000), "mi")
    assert "2:25/mi" in problem.message
    assert "6.21 mi" in problem.message


@pytest.mark.parametrize(
    ("sport", "duration_s", "distance_m", "checked"),
    [
        ("run", 1500, 10_000, True),  # 2:30/km is the edge: allowed
        ("run", 1490, 10_000, True),
        ("run", 12_000, 10_000, True),  # 20:00/km: allowed
        ("run", 12_100, 10_000, True),
        ("treadmill", 600, 10_000, True),
        ("trail", 30_000, 10_000, True),
        ("bike", 900, 10_000, False),  # 40 km/h on a bike is ordinary
        ("walk", 12_600, 10_000, False),
    ],
)
def test_pace_bounds_apply_to_runs_only(
    sport: str, duration_s: float, distance_m: float, checked: bool
) -> None:
    pace = duration_s / (distance_m / 1000)
    out_of_bounds = not 150 <= pace <= 1200
    expected = ["distance_m"] if checked and out_of_bounds else []
    assert fields(LoggedValues(sport, duration_s, distance_m)) == expected


def test_slower_than_twenty_minutes_a_km_says_slower() -> None:
    (problem,) = implausible_values(LoggedValues("run", 13_000, 10_000))
    assert "slower than 20:00/km" in problem.message


def test_distance_over_300_km_is_refused() -> None:
    (problem,) = implausible_values(LoggedValues("bike", 40_000, 301_000))
    assert problem.field == "distance_m"
    assert "Distance: 301.00 km is more than 300 km" in problem.message


def test_duration_over_48_hours_is_refused() -> None:
    (problem,) = implausible_values(LoggedValues("hike", 49 * 3600))
    assert problem.field == "duration_s"
    assert "Duration: 49:00:00 is longer than 48 hours" in problem.message


@pytest.mark.parametrize(
    ("avg", "peak", "expected"), [(24, None, ["avg_hr"]), (150, 251, ["max_hr"])]
)
def test_heart_rates_outside_25_to_250_are_refused_and_never_confirmable(
    avg: float, peak: float | None, expected: list[str]
) -> None:
    found = implausible_values(LoggedValues("run", 3000, 10_000, avg, peak))
    assert [f.field for f in found] == expected
    assert not any(f.confirmable for f in found)
    assert "heart rate" in found[0].message
    assert "bpm" in found[0].message


def test_several_problems_are_all_named() -> None:
    found = fields(LoggedValues("run", 50 * 3600, 350_000, 10, None))
    assert found == ["duration_s", "distance_m", "avg_hr"]
