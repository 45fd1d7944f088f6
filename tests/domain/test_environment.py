"""Heat and altitude adjustments (SCIENCE.md §9)."""

from __future__ import annotations

import pytest

from runseason.domain.environment import adjusted_pace, altitude_factor, heat_adjustment


def f_to_c(f: float) -> float:
    return (f - 32) * 5 / 9


@pytest.mark.parametrize(("index_f", "slowdown"), [(145, 0.0375), (180, 0.10)])
def test_hadley_slowdown_matches_the_worked_values(index_f: float, slowdown: float) -> None:
    half = f_to_c(index_f / 2)
    assert heat_adjustment(half, half).slowdown == pytest.approx(slowdown, abs=0.001)


def test_no_slowdown_up_to_one_hundred() -> None:
    assert heat_adjustment(f_to_c(60), f_to_c(40)).slowdown == 0.0


def test_no_hard_running_above_180() -> None:
    half = f_to_c(95)
    assert heat_adjustment(half, half).hard_running_ok is False


@pytest.mark.parametrize(
    ("altitude_m", "factor"), [(0, 1.0), (750, 1.0), (1750, 1.0618365465453596)]
)
def test_altitude_factor(altitude_m: float, factor: float) -> None:
    assert altitude_factor(altitude_m) == pytest.approx(factor)


def test_adjusted_pace_combines_heat_and_altitude() -> None:
    assert adjusted_pace(300, 0.05, 1750) == pytest.approx(300 * 1.05 * 1.0618365465453596)
