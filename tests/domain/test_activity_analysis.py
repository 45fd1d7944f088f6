"""Moving time, climb and grade-adjusted pace from samples, against the values devices record."""

from __future__ import annotations

import numpy as np
import pytest

from runseason.domain import activity_analysis as analysis
from runseason.domain.streams import make_streams
from runseason.parsers import parse_activity
from tests.parsers.conftest import LIMIT, read


def _grid(name: str) -> tuple[analysis.Grid, float | None, float | None]:
    parsed = parse_activity(name, read(name), max_bytes=LIMIT)
    return analysis.to_grid(parsed.streams), parsed.moving_time_s, parsed.elevation_gain_m


@pytest.mark.parametrize(
    "name", ["garmin-edge-500-activity.fit", "sample-activity.fit", "activity-small-fenix2-run.fit"]
)
def test_moving_time_and_climb_agree_with_the_device(name: str) -> None:
    grid, device_moving, device_climb = _grid(name)
    assert device_moving is not None
    assert device_climb is not None
    assert analysis.moving_time_s(grid) == pytest.approx(device_moving, rel=0.01)
    # Devices smooth barometric altitude their own way: within 15 % of their total ascent.
    assert analysis.elevation_gain_m(grid) == pytest.approx(device_climb, rel=0.15)


def test_a_pause_in_the_recording_is_not_moving_time() -> None:
    time = np.concatenate([np.arange(0.0, 600.0), np.arange(900.0, 1500.0)])
    distance = np.concatenate([np.arange(0.0, 600.0) * 3, 1800 + np.arange(0.0, 600.0) * 3])
    grid = analysis.to_grid(make_streams({"time_s": time, "distance_m": distance}))
    assert analysis.moving_time_s(grid) == pytest.approx(1200, abs=3)


def test_jitter_is_not_climbing_but_a_hill_is() -> None:
    rng = np.random.default_rng(7)
    time = np.arange(0.0, 1200.0)
    hill = np.where(time < 600, time / 10, 60.0)  # 60 m up, then flat
    altitude = 100 + hill + rng.normal(0, 0.4, time.shape)
    grid = analysis.to_grid(make_streams({"time_s": time, "altitude_m": altitude}))
    assert analysis.elevation_gain_m(grid) == pytest.approx(60, abs=4)


def test_minetti_cost_matches_the_published_polynomial() -> None:
    # Minetti et al. (2002), J Appl Physiol 93:1039, their fitted polynomial: 3.6 J/kg/m on the
    # flat, about 5.97 at +10 %, lowest (about 1.8) near -20 %.
    cost = analysis.minetti_cost(np.array([0.0, 0.1, -0.1, -0.2]))
    np.testing.assert_allclose(cost, [3.6, 5.968, 2.152, 1.800], atol=0.001)
    slopes = np.linspace(-0.45, 0.45, 91)
    assert -0.22 <= slopes[np.argmin(analysis.minetti_cost(slopes))] <= -0.17


def test_graded_pace_is_faster_than_pace_uphill_and_slower_downhill() -> None:
    time = np.arange(0.0, 1200.0)
    distance = time * 3.0
    up = analysis.to_grid(
        make_streams({"time_s": time, "distance_m": distance, "altitude_m": distance * 0.08})
    )
    flat = analysis.to_grid(
        make_streams({"time_s": time, "distance_m": distance, "altitude_m": distance * 0})
    )
    down = analysis.to_grid(
        make_streams({"time_s": time, "distance_m": distance, "altitude_m": -distance * 0.05})
    )
    flat_speed = analysis.normalized_graded_speed(flat)
    assert flat_speed == pytest.approx(3.0, rel=0.01)
    assert analysis.normalized_graded_speed(up) > 4.0 * 3.0 / 3.6 * 1.1
    assert analysis.normalized_graded_speed(down) < 3.0
