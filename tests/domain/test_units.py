"""Display units: km or miles, paces, clock times."""

from __future__ import annotations

import pytest

from runseason.domain.units import (
    distance_from,
    distance_in,
    format_distance,
    format_duration,
    format_pace,
    pace_from,
    pace_in,
    parse_distance,
    parse_duration,
)
from runseason.errors import InvalidInput


def test_a_mile_is_1609_344_metres() -> None:
    assert distance_in(1609.344, "mi") == pytest.approx(1.0)
    assert distance_from(1.0, "mi") == pytest.approx(1609.344)


def test_paces_convert_both_ways() -> None:
    assert pace_in(300, "mi") == pytest.approx(482.8032)
    assert pace_from(pace_in(300, "mi"), "mi") == pytest.approx(300)


@pytest.mark.parametrize(
    ("seconds", "text"), [(59.6, "1:00"), (1200, "20:00"), (11509, "3:11:49"), (-65, "-1:05")]
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


def test_format_pace_and_distance() -> None:
    assert format_pace(270) == "4:30/km"
    assert format_pace(270, "mi") == "7:15/mi"
    assert format_distance(10000, "mi") == "6.21 mi"


@pytest.mark.parametrize(
    ("text", "seconds"), [("20:00", 1200), ("1:32:00", 5520), ("4:30.5", 270.5)]
)
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "abc", "20:75", "0:00", "1:2:3:4"])
def test_parse_duration_refuses_nonsense(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_duration(text)


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("5k", 5000),
        ("half", 21097.5),
        ("Marathon", 42195),
        ("12.5km", 12500),
        ("3mi", 4828.032),
        ("800m", 800),
        ("400", 400),
    ],
)
def test_parse_distance(text: str, metres: float) -> None:
    assert parse_distance(text) == pytest.approx(metres)


@pytest.mark.parametrize("text", ["", "far", "-5k", "0km"])
def test_parse_distance_refuses_nonsense(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_distance(text)
