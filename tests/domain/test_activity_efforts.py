"""Splits, zones, best efforts and heart-rate load from samples."""

from __future__ import annotations

import numpy as np
import pytest

from runseason.domain import activity_analysis as analysis
from runseason.domain import activity_efforts as efforts
from runseason.domain.load import trimp
from runseason.domain.streams import make_streams
from runseason.parsers import parse_activity
from tests.parsers.conftest import LIMIT, read


def _steady(seconds: int, speed: float, hr: float | np.ndarray = 150.0) -> analysis.Grid:
    time = np.arange(0.0, seconds)
    hr_values = np.full(time.shape, hr) if np.isscalar(hr) else hr
    return analysis.to_grid(
        make_streams({"time_s": time, "distance_m": time * speed, "hr_bpm": hr_values})
    )


def test_kilometre_and_mile_splits_of_a_recorded_run_add_up_to_it() -> None:
    parsed = parse_activity("a.fit", read("activity-small-fenix2-run.fit"), max_bytes=LIMIT)
    grid = analysis.to_grid(parsed.streams)
    km = efforts.splits(grid, 1000.0)
    assert len(km) == 10
    assert [round(s.distance_m) for s in km[:9]] == [1000] * 9
    assert km[-1].distance_m == pytest.approx(8.22, abs=1.5)
    assert sum(s.duration_s for s in km) == pytest.approx(
        parsed.streams.columns["time_s"][-1], abs=1
    )
    assert all(s.avg_hr and 100 < s.avg_hr < 200 for s in km[:9])
    miles = efforts.splits(grid, 1609.344)
    assert len(miles) == 6
    recorded = parsed.streams.columns["distance_m"]
    assert sum(s.distance_m for s in miles) == pytest.approx(np.nanmax(recorded), abs=0.01)


def test_steady_running_has_even_splits_and_best_efforts() -> None:
    grid = _steady(3600, 4.0)
    km = efforts.splits(grid, 1000.0)
    assert [round(s.duration_s) for s in km[:3]] == [250, 250, 250]
    assert km[0].gap_s_per_km == pytest.approx(250, abs=1)
    best = efforts.best_efforts(grid)
    assert best["400 m"] == pytest.approx(100, abs=0.5)
    assert best["5 km"] == pytest.approx(1250, abs=0.5)
    assert "Half marathon" not in best


def test_time_in_zones_counts_each_second_once() -> None:
    hr = np.concatenate([np.full(600, 120.0), np.full(300, 150.0), np.full(100, 175.0)])
    grid = _steady(1000, 3.0, hr)
    zones = efforts.time_in_zones(grid.hr_bpm, [("Z1", 0), ("Z2", 140), ("Z3", 170)])
    assert [(z.name, z.seconds) for z in zones] == [("Z1", 600), ("Z2", 300), ("Z3", 100)]


def test_trace_trimp_of_a_steady_heart_rate_is_banisters_trimp() -> None:
    grid = _steady(3600, 3.0, 150.0)
    expected = trimp(3600, 150, 50, 190, "male")
    assert efforts.trace_trimp(grid, 50, 190, "male") == pytest.approx(expected, rel=0.001)


def test_threshold_and_maximum_heart_rate_are_read_from_sustained_efforts() -> None:
    hr = np.concatenate([np.full(600, 130.0), np.full(1800, 168.0), np.full(600, 140.0)])
    hr[100] = 220.0  # a one-second spike of the strap
    grid = _steady(3000, 3.5, hr)
    assert efforts.threshold_heart_rate(grid) == pytest.approx(168)
    assert efforts.observed_max_hr(grid) == pytest.approx(168)
    assert efforts.threshold_heart_rate(_steady(1200, 3.0)) is None


def _with(base: float, seconds: int, *bursts: tuple[int, int, float]) -> np.ndarray:
    """A steady heart rate with bursts of (start second, length in seconds, bpm)."""
    hr = np.full(seconds, base)
    for start, length, bpm in bursts:
        hr[start : start + length] = bpm
    return hr


HOLD = efforts.MAX_HR_HOLD_S


@pytest.mark.parametrize(
    ("hr", "expected"),
    [
        pytest.param(_with(150, 1800, (900, 3, 215)), 150, id="a 3-second spike is ignored"),
        pytest.param(
            _with(150, 1800, (900, HOLD - 1, 215)), 150, id="a glitch just short of the hold"
        ),
        pytest.param(
            _with(150, 1800, (1500, 120, 178), (1620, HOLD, 186)), 186, id="a sustained effort"
        ),
        pytest.param(
            _with(150, 1800, (300, 2, 230), (1500, 60, 181)), 181, id="the effort, not the spike"
        ),
        pytest.param(_with(180, efforts.MAX_HR_MIN_SESSION_S - 1), None, id="a short session"),
        pytest.param(_with(180, efforts.MAX_HR_MIN_SESSION_S), 180, id="long enough"),
    ],
)
def test_maximum_heart_rate_counts_only_a_rate_held(hr: np.ndarray, expected: float | None) -> None:
    assert efforts.observed_max_hr(_steady(len(hr), 3.0, hr)) == expected


def test_one_stray_sample_among_sparse_ones_is_not_held_on_the_grid() -> None:
    time = np.arange(0.0, 1800.0, 5.0)  # "smart recording": a sample every 5 s
    hr = np.full(time.shape, 150.0)
    hr[200] = 220.0
    streams = make_streams({"time_s": time, "distance_m": time * 3.0, "hr_bpm": hr})
    assert efforts.observed_max_hr(analysis.to_grid(streams)) == 150


@pytest.mark.parametrize(
    ("name", "peak", "held"),
    [
        ("activity-small-fenix2-run.fit", 178, 176),
        ("sample-activity.fit", 191, 190),
        ("garmin-edge-500-activity.fit", 189, 188),
        ("sup_activity_1.tcx", 106, 104.2),
        ("garmin-fenix-5-run.fit", 112, None),  # a one-minute clip suggests no maximum
    ],
)
def test_recorded_sessions_give_a_maximum_just_under_their_peak(
    name: str, peak: float, held: float | None
) -> None:
    parsed = parse_activity(name, read(name), max_bytes=LIMIT)
    assert parsed.max_hr == peak
    found = efforts.observed_max_hr(analysis.to_grid(parsed.streams))
    assert found == (pytest.approx(held) if held is not None else None)
