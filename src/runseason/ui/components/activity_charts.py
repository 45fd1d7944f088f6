"""The activity page's charts: pace, heart rate and elevation linked on one axis, the route, and
time in zones. Built from what the API returns, so they show what any client would read."""

from __future__ import annotations

from typing import Literal

import altair as alt
import numpy as np
import pandas as pd
import pydeck as pdk

from runseason.domain import units
from runseason.schemas.activities import ActivityStreamsRead, ZoneTimeRead

Axis = Literal["time", "distance"]
SLOWEST_PACE_S_PER_KM = 20 * 60  # slower than this is a stand, not a pace worth plotting
PACE_SMOOTHING_POINTS = 9
# An Altair label of seconds as m:ss.
MMSS = (
    "floor(datum.value / 60) + ':' + (datum.value % 60 < 10 ? '0' : '') + floor(datum.value % 60)"
)


def _column(streams: ActivityStreamsRead, name: str) -> np.ndarray | None:
    values = streams.channels.get(name)
    if values is None:
        return None
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def _speed(streams: ActivityStreamsRead) -> np.ndarray | None:
    speed = _column(streams, "speed_m_s")
    time, distance = _column(streams, "time_s"), _column(streams, "distance_m")
    if speed is None and distance is not None and time is not None and len(time) > 1:
        speed = np.gradient(distance, time)
    if speed is None:
        return None
    smooth = pd.Series(speed).rolling(PACE_SMOOTHING_POINTS, center=True, min_periods=1).mean()
    return np.asarray(smooth.to_numpy(), dtype=np.float64)


def trace_frame(streams: ActivityStreamsRead, unit: units.Unit) -> pd.DataFrame:
    """One row per sample: minutes, distance in the unit, pace per unit, bpm and metres."""
    time = _column(streams, "time_s")
    assert time is not None
    frame = pd.DataFrame({"minutes": time / 60.0})
    distance = _column(streams, "distance_m")
    if distance is not None:
        frame["distance"] = distance / units.metres_per_unit(unit)
    speed = _speed(streams)
    if speed is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            pace = 1000.0 / speed
        pace[(pace > SLOWEST_PACE_S_PER_KM) | ~np.isfinite(pace)] = np.nan
        frame["pace"] = pace * units.metres_per_unit(unit) / 1000.0
        frame["pace_text"] = [
            "-" if np.isnan(p) else units.format_duration(p) for p in frame["pace"].to_numpy()
        ]
    for name, column in (("hr_bpm", "heart_rate"), ("altitude_m", "elevation")):
        values = _column(streams, name)
        if values is not None:
            frame[column] = values
    return frame


def _panel(
    frame: pd.DataFrame, x: alt.X, field: str, title: str, colour: str, zoom: alt.Parameter
) -> alt.Chart:
    axis = alt.Axis(labelExpr=MMSS) if field == "pace" else alt.Axis()
    y = alt.Y(
        f"{field}:Q",
        title=title,
        axis=axis,
        scale=alt.Scale(zero=False, reverse=field == "pace"),
    )
    tooltip_field = "pace_text:N" if field == "pace" else f"{field}:Q"
    chart: alt.Chart = (
        alt.Chart(frame)
        .mark_line(color=colour, strokeWidth=1.5)
        .encode(x=x, y=y, tooltip=[alt.Tooltip(tooltip_field, title=title)])
        .properties(height=160)
        .add_params(zoom)
    )
    return chart


def trace_chart(streams: ActivityStreamsRead, unit: units.Unit, axis: Axis) -> alt.VConcatChart:
    """Pace, heart rate and elevation one above the other; zooming one zooms them all."""
    frame = trace_frame(streams, unit)
    by_distance = axis == "distance" and "distance" in frame
    x = alt.X(
        "distance:Q" if by_distance else "minutes:Q",
        title=f"Distance ({unit})" if by_distance else "Time (minutes)",
    )
    panels = []
    for field, title, colour in (
        ("pace", f"Pace (min/{unit})", "#1c7ed6"),
        ("heart_rate", "Heart rate (bpm)", "#e03131"),
        ("elevation", "Elevation (m)", "#5c940d"),
    ):
        if field in frame and frame[field].notna().any():
            zoom = alt.selection_interval(bind="scales", encodings=["x"], name=f"zoom_{field}")
            panels.append(_panel(frame, x, field, title, colour, zoom))
    linked: alt.VConcatChart = alt.vconcat(*panels).resolve_scale(x="shared")
    return linked


def route_frame(streams: ActivityStreamsRead) -> pd.DataFrame:
    """The route's points that have a position, in order."""
    lat, lon = _column(streams, "lat_deg"), _column(streams, "lon_deg")
    if lat is None or lon is None:
        return pd.DataFrame({"order": [], "lat": [], "lon": []})
    frame = pd.DataFrame({"order": np.arange(len(lat)), "lat": lat, "lon": lon})
    return frame.dropna().reset_index(drop=True)


def route_chart(streams: ActivityStreamsRead) -> alt.Chart:
    """The route drawn alone (no map tiles needed), north up, in equal-looking degrees."""
    frame = route_frame(streams)
    chart: alt.Chart = (
        alt.Chart(frame)
        .mark_line(color="#e8590c", strokeWidth=2)
        .encode(
            x=alt.X("lon:Q", scale=alt.Scale(zero=False), axis=None),
            y=alt.Y("lat:Q", scale=alt.Scale(zero=False), axis=None),
            order="order:Q",
        )
        .properties(height=360)
    )
    return chart


def route_deck(streams: ActivityStreamsRead, tile_url: str) -> pdk.Deck:
    """The route over map tiles from the configured tile server."""
    frame = route_frame(streams)
    path = [[float(lon), float(lat)] for lat, lon in zip(frame["lat"], frame["lon"], strict=True)]
    tiles = pdk.Layer("TileLayer", data=tile_url, min_zoom=0, max_zoom=19, tile_size=256)
    line = pdk.Layer(
        "PathLayer",
        data=[{"path": path}],
        get_path="path",
        get_color=[232, 89, 12],
        width_min_pixels=3,
    )
    view = pdk.ViewState(
        latitude=float(frame["lat"].mean()), longitude=float(frame["lon"].mean()), zoom=12
    )
    return pdk.Deck(layers=[tiles, line], initial_view_state=view, map_style=None)


def zone_chart(zones: list[ZoneTimeRead], title: str) -> alt.Chart:
    """Minutes in each zone as bars, the zones in their order."""
    frame = pd.DataFrame(
        {
            "zone": [z.name for z in zones],
            "minutes": [z.seconds / 60.0 for z in zones],
            "time": [units.format_duration(z.seconds) for z in zones],
        }
    )
    chart: alt.Chart = (
        alt.Chart(frame, title=title)
        .mark_bar(color="#845ef7")
        .encode(
            y=alt.Y("zone:N", sort=None, title=None),
            x=alt.X("minutes:Q", title="Minutes"),
            tooltip=[alt.Tooltip("zone:N", title="Zone"), alt.Tooltip("time:N", title="Time")],
        )
        .properties(height=30 * max(len(zones), 1) + 40)
    )
    return chart
