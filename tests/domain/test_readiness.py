"""Readiness from the check-in (SCIENCE.md §6)."""

from __future__ import annotations

import math

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


def test_a_red_flag_lowers_a_green_score_to_amber_and_the_score_with_it() -> None:
    history = [CheckInValues(5, 5, 5, 5), CheckInValues(5, 5, 5, 4)] * 10
    assert composite(CheckInValues(5, 5, 5, 3), ReadinessParams().weights) >= 70
    result = readiness(CheckInValues(5, 5, 5, 3), history)
    assert result.band == "amber"
    assert result.score == 69  # the number agrees with the colour
    assert result.capped_by == "baseline"


GOOD = CheckInValues(5, 5, 5, 5)


def days(n: int, base: int = 5, **values: object) -> list[CheckInValues]:
    """``n`` identical mornings with the given recovery values."""
    return [CheckInValues(base, base, base, base, **values)] * n  # type: ignore[arg-type]


def hrv_history(mean_ms: float, spread: float, n: int = 28) -> list[CheckInValues]:
    """Mornings whose ln rMSSD alternates ± ``spread`` around ln ``mean_ms`` (SD = spread)."""
    return [
        CheckInValues(5, 5, 5, 5, hrv_rmssd=mean_ms * math.exp(spread * (-1) ** i))
        for i in range(n)
    ]


@pytest.mark.parametrize(
    ("drop_sd", "band", "flag", "capped_by"),
    [
        (0.5, "green", "ok", None),
        (1.3, "amber", "yellow", "hrv"),
        (2.4, "red", "red", "hrv"),
    ],
)
def test_the_hrv_trend_moves_the_band(
    drop_sd: float, band: str, flag: str, capped_by: str | None
) -> None:
    """A 7-day ln rMSSD mean −1 SD under the 28-day baseline is amber, −2 SD red."""
    # 28 days of ln rMSSD with SD 0.1, then six mornings and today ``drop_sd`` SDs down.
    low = [CheckInValues(5, 5, 5, 5, hrv_rmssd=60.0 * math.exp(-0.1 * drop_sd))] * 6
    result = readiness(low[0], hrv_history(60.0, 0.1) + low)
    hrv = next(f for f in result.factors if f.item == "hrv")
    assert hrv.z == pytest.approx(-drop_sd)
    assert (result.band, hrv.flag, result.capped_by) == (band, flag, capped_by)
    if band != "green":
        assert result.score < {"amber": 70, "red": 50}[band]
        assert "SD below your norm" in hrv.text


@pytest.mark.parametrize(
    ("today", "band", "flag"),
    [(53, "green", "ok"), (56, "amber", "yellow"), (58, "amber", "yellow")],
)
def test_a_raised_resting_heart_rate_lowers_the_band(today: int, band: str, flag: str) -> None:
    """≥ 5 bpm (or z ≥ 2) above the norm: at most amber."""
    history = [CheckInValues(5, 5, 5, 5, resting_hr=hr) for hr in [50, 52] * 14]
    result = readiness(CheckInValues(5, 5, 5, 5, resting_hr=today), history)
    rhr = next(f for f in result.factors if f.item == "resting_hr")
    assert (result.band, rhr.flag) == (band, flag)
    if flag != "ok":
        assert f"resting heart rate {today} bpm" in rhr.text
        assert "above your norm of 51" in rhr.text


@pytest.mark.parametrize(
    ("history", "today", "flag"),
    [
        (days(20, resting_hr=50), CheckInValues(5, 5, 5, 5, resting_hr=55), "yellow"),
        (days(20, resting_hr=50), CheckInValues(5, 5, 5, 5, resting_hr=51), "ok"),
        (days(20, hrv_rmssd=60.0), CheckInValues(5, 5, 5, 5, hrv_rmssd=40.0), "yellow"),
        (days(20, hrv_rmssd=60.0), CheckInValues(5, 5, 5, 5, hrv_rmssd=25.0), "red"),
        (days(20, hrv_rmssd=60.0), CheckInValues(5, 5, 5, 5, hrv_rmssd=60.0), "ok"),
        (days(20, sleep_hours=8.0), CheckInValues(5, 5, 5, 5, sleep_hours=6.5), "red"),
        ([CheckInValues(4, 4, 4, 4)] * 20, CheckInValues(2, 4, 4, 4), "red"),
    ],
)
def test_a_history_that_never_varies_keeps_the_item_with_a_floor_on_the_sd(
    history: list[CheckInValues], today: CheckInValues, flag: str
) -> None:
    items = {f.item: f for f in readiness(today, history).factors}
    flagged = [f for f in items.values() if f.item != "energy" and f.z is not None]
    assert flagged, "the item is scored against the flat history, not dropped"
    assert max((f.flag for f in flagged), key=["ok", "yellow", "red"].index) == flag


@pytest.mark.parametrize(
    ("hours", "score"),
    [
        (None, 100.0),
        (8.0, 100.0),
        (9.5, 100.0),
        (6.0, 100 / 1.15 * (1 + 0.15 * 0.5)),
        (4.0, 100 / 1.15),
    ],
)
def test_sleep_hours_count_in_the_score(hours: float | None, score: float) -> None:
    assert readiness(CheckInValues(5, 5, 5, 5, sleep_hours=hours)).score == pytest.approx(
        score, abs=0.05
    )


def test_short_sleep_is_a_factor_in_words() -> None:
    result = readiness(CheckInValues(4, 4, 4, 4, sleep_hours=5.0))
    sleep = next(f for f in result.factors if f.item == "sleep_hours")
    assert sleep.flag == "yellow"
    assert sleep.text == "slept 5 h (short: under 6 h)"


def test_unanswered_items_are_not_scored() -> None:
    """An item left out (None) neither counts in the score nor appears as a factor."""
    result = readiness(CheckInValues(4, 4, 4, 4), days(20, 4, resting_hr=50, hrv_rmssd=60.0))
    assert {f.item for f in result.factors} == {"sleep_quality", "energy", "recovery", "stress"}
    assert result.score == 75.0


def test_bands_follow_the_configured_thresholds() -> None:
    params = ReadinessParams(green_min=80, amber_min=60)
    assert readiness(NORMAL, params=params).band == "amber"
