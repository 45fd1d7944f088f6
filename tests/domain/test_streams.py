"""Streams: columns kept exactly through their compressed stored form, and thinned on request."""

from __future__ import annotations

import numpy as np
import pytest

from runseason.domain.streams import downsample, make_streams, pack, unpack
from runseason.parsers import parse_activity
from tests.parsers.conftest import LIMIT, read


def test_a_recorded_ride_survives_packing_exactly_and_shrinks() -> None:
    streams = parse_activity("r.fit", read("garmin-edge-500-activity.fit"), max_bytes=LIMIT).streams
    layout, data = pack(streams)
    back = unpack(layout, data, len(streams))
    assert set(back.columns) == set(streams.columns)
    for name, values in streams.columns.items():
        # Every device value (whole bpm, mm/s, cm) is exact in the channel's stored width.
        np.testing.assert_allclose(back.columns[name], values, rtol=1e-6, equal_nan=True)
    np.testing.assert_array_equal(back.columns["lat_deg"], streams.columns["lat_deg"])
    raw = sum(v.nbytes for v in streams.columns.values())
    assert len(data) < raw / 3


def test_channels_without_any_value_are_left_out() -> None:
    streams = make_streams(
        {"time_s": [0, 1, 2], "hr_bpm": [None, None, None], "power_w": [1, 2, 3]}
    )
    assert set(streams.columns) == {"time_s", "power_w"}
    with pytest.raises(ValueError, match="power_w"):
        make_streams({"time_s": [0, 1], "power_w": [1, 2, 3]})


def test_downsampling_spreads_the_points_and_keeps_both_ends() -> None:
    streams = make_streams({"time_s": np.arange(1000.0), "distance_m": np.arange(1000.0) * 3})
    thin = downsample(streams, 100)
    assert len(thin) == 100
    assert thin.columns["time_s"][0] == 0
    assert thin.columns["time_s"][-1] == 999
    assert downsample(streams, 5000) is streams
