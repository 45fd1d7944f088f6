"""Recovery signals against the athlete's own norm (docs/science.md "Recovery signals")."""

from __future__ import annotations

import pytest

from runseason.domain.recovery import (
    RecoveryParams,
    baseline_z,
    hrv_factor,
    resting_hr_factor,
    sleep_hours_factor,
)

P = RecoveryParams()


@pytest.mark.parametrize(
    ("value", "history", "floor", "clip", "z"),
    [
        (3.0, [4.0, 5.0] * 10, 0.5, None, -3.0),  # SD 0.5 itself
        (3.0, [4.0] * 20, 0.5, None, -2.0),  # flat: SD floored at 0.5
        (3.0, [4.0] * 20, 0.5, 1.5, -1.5),  # clipped
        (55.0, [50.0] * 20, 2.5, None, 2.0),
        (4.0, [4.0], 0.5, None, None),  # one day is no baseline
    ],
)
def test_baseline_z_floors_the_sd(
    value: float, history: list[float], floor: float, clip: float | None, z: float | None
) -> None:
    assert baseline_z(value, history, floor, clip) == (None if z is None else pytest.approx(z))


@pytest.mark.parametrize(
    ("today", "history", "present"),
    [
        (60.0, [60.0] * 19, False),  # 13 baseline days after the week of the trend
        (60.0, [60.0] * 20, True),
        (None, [60.0] * 30, False),
        (60.0, [None, 60.0] * 20, True),  # unanswered days are skipped, not zeros
    ],
)
def test_hrv_needs_fourteen_baseline_days_before_its_week(
    today: float | None, history: list[float | None], present: bool
) -> None:
    assert (hrv_factor(today, history, P) is not None) is present


@pytest.mark.parametrize(
    ("today", "flag", "text"),
    [
        (50, "ok", "resting heart rate 50 bpm, near your norm of 50"),
        (54, "ok", "resting heart rate 54 bpm, near your norm of 50"),
        (55, "yellow", "resting heart rate 55 bpm, 5 bpm above your norm of 50"),
        (62, "yellow", "resting heart rate 62 bpm, 12 bpm above your norm of 50"),
    ],
)
def test_resting_heart_rate_rule(today: int, flag: str, text: str) -> None:
    factor = resting_hr_factor(today, [48, 52] * 10, P)
    assert factor is not None
    assert (factor.flag, factor.text) == (flag, text)


def test_resting_heart_rate_z_rule_catches_a_rise_under_five_beats_in_a_steady_athlete() -> None:
    steady = RecoveryParams(rhr_sd_floor=1.0)
    factor = resting_hr_factor(53, [50, 51] * 10, steady)
    assert factor is not None
    assert factor.flag == "yellow"


@pytest.mark.parametrize(
    ("hours", "history", "flag"),
    [
        (7.5, [], "ok"),
        (5.5, [], "yellow"),  # short sleep counts before any baseline exists
        (7.0, [8.0] * 20, "red"),  # 1 h under a steady 8 h: 2 SD with the 0.5 h floor
        (7.5, [7.0, 8.0] * 10, "ok"),
    ],
)
def test_sleep_hours_factor(hours: float, history: list[float], flag: str) -> None:
    factor = sleep_hours_factor(hours, history, P)
    assert factor is not None
    assert factor.flag == flag
