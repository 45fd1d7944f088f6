"""Readiness from the check-in (SCIENCE.md §6)."""

from __future__ import annotations

import pytest

from runseason.domain.readiness import CheckInValues, ReadinessParams, composite, readiness

NORMAL = CheckInValues(sleep_quality=4, energy=4, recovery=4, stress=4)


@pytest.mark.parametrize(
    ("values", "score", "band"),
    [
        (CheckInValues(5, 5, 5, 5), 100.0, "green"),
        (CheckInValues(1, 1, 1, 1), 0.0, "red"),
        (NORMAL, 75.0, "green"),
        (CheckInValues(3, 3, 3, 3), 50.0, "amber"),
        (CheckInValues(2, 3, 3, 3), 42.5, "red"),
    ],
)
def test_composite_maps_one_to_five_onto_zero_to_hundred(
    values: CheckInValues, score: float, band: str
) -> None:
    result = readiness(values)
    assert result.score == pytest.approx(score)
    assert result.band == band


def test_weights_are_configurable() -> None:
    sleep_only = {"sleep_quality": 1.0, "energy": 0.0, "recovery": 0.0, "stress": 0.0}
    assert composite(CheckInValues(5, 1, 1, 1), sleep_only) == 100.0


def test_illness_caps_the_band_at_red() -> None:
    result = readiness(CheckInValues(5, 5, 5, 5, illness=True))
    assert result.band == "red"
    assert result.capped_by == "illness"
    assert result.score < 50


def test_pain_at_the_threshold_caps_at_red_but_mild_pain_does_not() -> None:
    assert readiness(CheckInValues(5, 5, 5, 5, pain_severity=4)).band == "red"
    assert readiness(CheckInValues(5, 5, 5, 5, pain_severity=2)).band == "green"


def test_no_baseline_before_fourteen_days() -> None:
    result = readiness(NORMAL, [NORMAL] * 13)
    assert not result.baseline_used
    assert all(f.z is None for f in result.factors)


def test_baseline_flags_items_far_below_the_athletes_norm() -> None:
    history = [CheckInValues(5, 4, 4, 4), CheckInValues(4, 4, 4, 4)] * 10
    result = readiness(CheckInValues(2, 4, 4, 4), history)
    sleep = next(f for f in result.factors if f.item == "sleep_quality")
    assert result.baseline_used
    assert sleep.z == pytest.approx(-3.0)  # clipped at ±3
    assert sleep.flag == "red"
    assert "sleep 2/5" in sleep.text
    assert "SD below your norm" in sleep.text
    assert result.factors[0].item == "sleep_quality"  # the reasons come first


def test_a_red_flag_lowers_a_green_score_to_amber() -> None:
    history = [CheckInValues(5, 5, 5, 5), CheckInValues(5, 5, 5, 4)] * 10
    result = readiness(CheckInValues(5, 5, 5, 3), history)
    assert result.score >= 70
    assert result.band == "amber"
    assert result.capped_by == "baseline"


def test_hrv_trend_below_baseline_is_flagged() -> None:
    history = [CheckInValues(4, 4, 4, 4, hrv_rmssd=v) for v in [60.0, 64.0] * 10]
    result = readiness(CheckInValues(4, 4, 4, 4, hrv_rmssd=30.0), history)
    hrv = next(f for f in result.factors if f.item == "hrv")
    assert hrv.flag == "yellow"
    assert hrv.z is not None
    assert hrv.z < -0.5


def test_bands_follow_the_configured_thresholds() -> None:
    params = ReadinessParams(green_min=80, amber_min=60)
    assert readiness(NORMAL, params=params).band == "amber"
