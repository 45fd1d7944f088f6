"""Heat and altitude adjustments (SCIENCE.md §9)."""

from __future__ import annotations

import pytest

from runseason.domain.environment import (
    Conditions,
    adjusted_pace,
    altitude_factor,
    celsius_to_fahrenheit,
    environment_adjustment,
    fahrenheit_to_celsius,
    feet_to_metres,
    heat_adjustment,
)


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


@pytest.mark.parametrize(
    ("conditions", "unit", "factor", "hard_ok", "reasons"),
    [
        (Conditions(), "km", 1.0, True, ()),
        (Conditions(15.0, 5.0), "km", 1.0, True, ()),  # T + Td = 100 °F: no slowdown
        (Conditions(30.0, None), "km", 1.0, True, ()),  # no dew point: no heat rule
        (
            Conditions(30.0, 22.0),
            "km",
            1 + heat_adjustment(30.0, 22.0).slowdown,
            True,
            ("Heat (30 °C with a dew point of 22 °C): paces 5.7% slower.",),
        ),
        (
            Conditions(30.0, 22.0),
            "mi",
            1 + heat_adjustment(30.0, 22.0).slowdown,
            True,
            ("Heat (86 °F with a dew point of 72 °F): paces 5.7% slower.",),
        ),
        (
            Conditions(altitude_m=1750.0),
            "km",
            1.0618365465453596,
            True,
            ("Altitude 1,750 m: paces 6.2% slower.",),
        ),
        (
            Conditions(altitude_m=1750.0),
            "mi",
            1.0618365465453596,
            True,
            ("Altitude 5,741 ft: paces 6.2% slower.",),
        ),
        (Conditions(altitude_m=700.0), "km", 1.0, True, ()),
    ],
)
def test_environment_adjustment_says_why(
    conditions: Conditions, unit: str, factor: float, hard_ok: bool, reasons: tuple[str, ...]
) -> None:
    adjustment = environment_adjustment(conditions, unit)
    assert adjustment.pace_factor == pytest.approx(factor)
    assert adjustment.hard_running_ok is hard_ok
    assert adjustment.reasons == reasons


def test_too_hot_for_hard_running_combines_with_altitude() -> None:
    adjustment = environment_adjustment(Conditions(36.0, 29.0, 2000.0))
    assert not adjustment.hard_running_ok
    assert adjustment.reasons[1].startswith("Too hot and humid for hard running today")
    assert adjustment.pace_factor == pytest.approx(
        (1 + heat_adjustment(36.0, 29.0).slowdown) * altitude_factor(2000.0)
    )


@pytest.mark.parametrize(("f", "c"), [(32.0, 0.0), (212.0, 100.0), (-40.0, -40.0)])
def test_temperature_conversions(f: float, c: float) -> None:
    assert fahrenheit_to_celsius(f) == pytest.approx(c)
    assert celsius_to_fahrenheit(c) == pytest.approx(f)


def test_feet_to_metres() -> None:
    assert feet_to_metres(5280) == pytest.approx(1609.344)
