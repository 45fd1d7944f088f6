"""Two recordings of one activity: starts within two minutes, distances within 3 %."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from runseason.domain.activity_match import same_activity

START = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("shift_s", "a_m", "b_m", "a_s", "b_s", "same"),
    [
        (0, 10_000, 10_000, 3000, 3000, True),
        (119, 10_000, 10_290, 3000, 3100, True),
        (121, 10_000, 10_000, 3000, 3000, False),
        (-60, 10_000, 10_310, 3000, 3000, False),
        (30, None, None, 3000, 3080, True),
        (30, None, None, 3000, 3200, False),
        (30, 10_000, None, 3000, 3000, False),
    ],
)
def test_same_activity_within_two_minutes_and_three_percent(
    shift_s: int, a_m: float | None, b_m: float | None, a_s: float, b_s: float, same: bool
) -> None:
    later = START + timedelta(seconds=shift_s)
    assert same_activity(START, a_m, a_s, later, b_m, b_s) is same
