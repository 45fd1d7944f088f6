"""The activity charts: paces in the athlete's unit, a route with or without map tiles."""

from __future__ import annotations

import json

import pytest

from runseason.schemas.activities import ActivityStreamsRead, ZoneTimeRead
from runseason.ui.components import activity_charts as charts


def _streams() -> ActivityStreamsRead:
    seconds = [float(t) for t in range(0, 600, 10)]
    return ActivityStreamsRead(
        activity_id=1,
        point_count=60,
        points=60,
        channels={
            "time_s": seconds,
            "distance_m": [t * 4.0 for t in seconds],  # 4 m/s: 4:10 per km
            "hr_bpm": [150.0] * 60,
            "lat_deg": [None, *[60 + t / 1e5 for t in seconds[1:]]],
            "lon_deg": [None, *[10 + t / 1e5 for t in seconds[1:]]],
        },
    )


def test_pace_is_drawn_per_unit_as_minutes_and_seconds() -> None:
    by_km = charts.trace_frame(_streams(), "km")
    assert by_km["pace"].iloc[5] == pytest.approx(250)
    assert by_km["pace_text"].iloc[5] == "4:10"
    by_mile = charts.trace_frame(_streams(), "mi")
    assert by_mile["pace_text"].iloc[5] == "6:42"
    assert by_mile["distance"].iloc[-1] == pytest.approx(590 * 4 / 1609.344)


def test_the_traces_share_one_axis_and_skip_channels_not_recorded() -> None:
    spec = charts.trace_chart(_streams(), "km", "distance").to_dict()
    titles = [panel["encoding"]["y"]["title"] for panel in spec["vconcat"]]
    assert titles == ["Pace (min/km)", "Heart rate (bpm)"]
    assert spec["resolve"]["scale"]["x"] == "shared"
    assert {panel["encoding"]["x"]["title"] for panel in spec["vconcat"]} == {"Distance (km)"}


def test_a_route_needs_no_tiles_and_uses_them_when_configured() -> None:
    frame = charts.route_frame(_streams())
    assert len(frame) == 59  # the point without a position is left out
    assert charts.route_chart(_streams()).to_dict()["mark"]["type"] == "line"
    deck = json.loads(charts.route_deck(_streams(), "https://tiles.test/{z}/{x}/{y}.png").to_json())
    assert [layer["@@type"] for layer in deck["layers"]] == ["TileLayer", "PathLayer"]
    assert deck["layers"][0]["data"] == "https://tiles.test/{z}/{x}/{y}.png"


def test_zone_bars_keep_the_zones_order() -> None:
    zones = [ZoneTimeRead(name=n, low=0, high=1, seconds=s) for n, s in (("Z1", 60), ("Z2", 600))]
    spec = charts.zone_chart(zones, "Time in heart-rate zones").to_dict()
    assert spec["encoding"]["y"]["sort"] is None
    values = next(iter(spec["datasets"].values()))
    assert [(v["zone"], v["time"]) for v in values] == [("Z1", "1:00"), ("Z2", "10:00")]
