"""Fitness, fatigue, form, ACWR, monotony and spikes over whole histories (SCIENCE.md §4–5)."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from runseason.domain.load_state import states
from runseason.domain.projection import daily_loads, project
from runseason.domain.training_load import SERIES_FIELDS, LoadParams, series, series_many

WEEK = [60.0, 0.0, 80.0, 40.0, 0.0, 100.0, 50.0]
SEQUENCE = WEEK * 4 + [x * 1.5 for x in WEEK]


def _as_nan(value: float | None) -> float:
    return math.nan if value is None else float(value)


def test_numpy_series_agrees_with_the_day_by_day_state() -> None:
    arrays = series(SEQUENCE)
    days = states(SEQUENCE)
    assert np.allclose(arrays["ctl"], [d.ctl for d in days])
    assert np.allclose(arrays["atl"], [d.atl for d in days])
    assert np.allclose(arrays["form"], [d.form for d in days])
    assert np.isnan(arrays["acwr_ewma"][26])
    assert arrays["acwr_ewma"][34] == pytest.approx(days[34].acwr_ewma)


def test_projection_follows_the_same_recurrence() -> None:
    start = states([50.0] * 10)[-1]
    projected = project(date(2026, 12, 1), start.ctl, start.atl, [50.0, 0.0])
    continued = states([50.0, 0.0], start=start)
    assert projected[-1].ctl == pytest.approx(continued[-1].ctl)
    assert projected[-1].form == pytest.approx(continued[-1].form)


def test_daily_loads_sum_sessions_per_day_and_fill_rest_days() -> None:
    loads = daily_loads(
        date(2026, 12, 1),
        date(2026, 12, 4),
        [
            (date(2026, 12, 1), 30.0),
            (date(2026, 12, 1), 20.0),
            (date(2026, 12, 3), 40.0),
            (date(2026, 12, 9), 99.0),
        ],
    )
    assert loads == [50.0, 0.0, 40.0, 0.0]


@pytest.mark.parametrize("sd", ["population", "sample"])
@pytest.mark.parametrize("length", [0, 1, 6, 7, 8, 27, 28, 29, 45, 400])
def test_numpy_series_gives_every_field_of_the_day_by_day_state(sd: str, length: int) -> None:
    rng = np.random.default_rng(length)
    loads = np.where(rng.random(length) < 0.3, 0.0, rng.uniform(20, 220, length))
    loads[length // 2 : length // 2 + 9] = 55.0  # a flat stretch: monotony undefined
    runs = np.where(loads > 0, rng.uniform(3000, 32000, length), 0.0)
    params = LoadParams(sd=sd)  # type: ignore[arg-type]
    arrays = series(loads, runs, params)
    days = states(loads.tolist(), runs.tolist(), params)
    assert len(arrays["days"]) == len(days) == length
    for name in SERIES_FIELDS:
        expected = [_as_nan(getattr(d, name)) for d in days]
        assert np.allclose(arrays[name], expected, rtol=1e-9, atol=1e-9, equal_nan=True), name
    assert arrays["spike_flag"].tolist() == [d.spike_flag for d in days]
    assert arrays["days"].tolist() == [d.days for d in days]


@pytest.mark.parametrize("length", [0, 1, 7, 30, 31, 32, 40, 400])
@pytest.mark.parametrize("last", [0, 1, 7, 33, 500])
def test_numpy_series_of_the_last_days_equals_the_whole_series_there(
    length: int, last: int
) -> None:
    rng = np.random.default_rng(length + last)
    loads = np.where(rng.random(length) < 0.3, 0.0, rng.uniform(20, 220, length))
    runs = np.where(loads > 0, rng.uniform(3000, 32000, length), 0.0)
    whole = series(loads, runs)
    tail = series(loads, runs, last=last)
    cut = max(length - last, 0)
    for name in (*SERIES_FIELDS, "spike_flag", "days"):
        assert tail[name].shape == whole[name].shape, name
        assert np.array_equal(tail[name][cut:], whole[name][cut:], equal_nan=True), name
    for name in ("monotony", "strain", "acwr_coupled", "spike_ratio", "longest_run_m_30d"):
        assert np.isnan(tail[name][:cut]).all(), name  # not worked out before the last days
    for name in ("ctl", "atl", "form", "acwr_ewma", "days"):
        assert np.array_equal(tail[name], whole[name], equal_nan=True), name  # every day
    assert not tail["spike_flag"][:cut].any()


@pytest.mark.parametrize("last", [None, 7])
def test_many_series_at_once_equal_each_series_bit_for_bit(last: int | None) -> None:
    rng = np.random.default_rng(7)
    histories = []
    for length in (0, 1, 2, 9, 28, 29, 200, 731):
        loads = np.where(rng.random(length) < 0.3, 0.0, rng.uniform(20, 220, length))
        if length > 5:
            loads[:3] = 0.0  # a history may start with rest days: the EWMA seed is day one's 0
        histories.append((loads, np.where(loads > 0, rng.uniform(3000, 32000, length), 0.0)))
    together = series_many(histories, last=last)
    for (loads, runs), arrays in zip(histories, together, strict=True):
        alone = series(loads, runs, last=last)
        assert arrays.keys() == alone.keys()
        for name, values in alone.items():
            assert np.array_equal(arrays[name], values, equal_nan=True), name


@pytest.mark.parametrize("last", [None, 7, 40])
def test_many_series_of_as_many_days_equal_each_series_bit_for_bit(last: int | None) -> None:
    # A batch's usual shape: histories with the same days wanted, whose windows go together.
    rng = np.random.default_rng(11)
    histories = []
    for length in (400,) * 9 + (38, 39, 39, 45) + (731,) * 3:
        loads = np.where(rng.random(length) < 0.4, 0.0, rng.uniform(10, 250, length))
        runs = np.where(loads > 0, rng.uniform(2000, 35000, length), 0.0)
        runs[rng.random(length) < 0.05] = 40000.0  # a few spikes
        histories.append((loads, runs))
    together = series_many(histories, last=last)
    for (loads, runs), arrays in zip(histories, together, strict=True):
        alone = series(loads, runs, last=last)
        for name, values in alone.items():
            assert values.dtype == arrays[name].dtype, name
            assert np.array_equal(arrays[name], values, equal_nan=True), name
    assert any(a["spike_flag"].any() for a in together)


def test_numpy_series_of_rest_only_days_leaves_ratios_undefined() -> None:
    arrays = series([0.0] * 40)
    assert np.isnan(arrays["acwr_ewma"]).all()
    assert np.isnan(arrays["monotony"]).all()
    assert np.isnan(arrays["spike_ratio"]).all()


def test_numpy_series_needs_a_run_for_every_day() -> None:
    with pytest.raises(ValueError, match="same days"):
        series([1.0, 2.0], [0.0])
