"""Dates in a person's own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from runseason.domain.dates import days, local_date, week_start


@pytest.mark.parametrize(
    ("timezone", "expected"),
    [("Europe/Oslo", date(2026, 11, 25)), ("America/Los_Angeles", date(2026, 11, 24))],
)
def test_the_same_instant_is_a_different_day_by_time_zone(timezone: str, expected: date) -> None:
    assert local_date(datetime(2026, 11, 24, 23, 30, tzinfo=UTC), timezone) == expected


def test_days_are_inclusive_and_an_empty_range_is_empty() -> None:
    assert days(date(2026, 2, 27), date(2026, 3, 1)) == [
        date(2026, 2, 27),
        date(2026, 2, 28),
        date(2026, 3, 1),
    ]
    assert days(date(2026, 3, 2), date(2026, 3, 1)) == []


@pytest.mark.parametrize("day", [date(2026, 11, 23), date(2026, 11, 26), date(2026, 11, 29)])
def test_a_week_starts_on_its_monday(day: date) -> None:
    assert week_start(day) == date(2026, 11, 23)
