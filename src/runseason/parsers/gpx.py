"""GPX tracks (gpxpy), with heart rate from Garmin's TrackPointExtension."""

from __future__ import annotations

from typing import Any

import gpxpy
import gpxpy.gpx

from runseason.errors import InvalidInput
from runseason.parsers.model import (
    ParsedActivity,
    as_utc,
    elevation_gain,
    hr_summary,
    streams_from_points,
)


def _extension_hr(point: Any) -> float | None:
    for extension in point.extensions:
        for child in extension.iter():
            if child.tag.endswith("hr") and child.text:
                try:
                    return float(child.text)
                except ValueError:
                    return None
    return None


def _document(content: bytes) -> gpxpy.gpx.GPX:
    try:
        return gpxpy.parse(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InvalidInput("The GPX file is not UTF-8 text.") from None
    except gpxpy.gpx.GPXException as error:
        raise InvalidInput(f"The GPX file is not valid XML/GPX: {error}") from None


def parse_gpx(content: bytes) -> ParsedActivity:
    """Read the first track of a GPX file (all its segments)."""
    doc = _document(content)
    points = [p for t in doc.tracks for s in t.segments for p in s.points]
    # Distance runs along each segment; a gap between segments or tracks is a pause, not a run.
    first_of_segment = {id(s.points[0]) for t in doc.tracks for s in t.segments if s.points}
    if not points:
        raise InvalidInput(
            "The GPX file has no track points to import (only waypoints or nothing)."
        )
    if any(p.time is None for p in points):
        raise InvalidInput(
            "The GPX track has no timestamps, so its duration is unknown; log this run by hand."
        )
    times = [p.time for p in points if p.time is not None]
    start = as_utc(times[0])
    points_of: dict[str, list[float | None]] = {
        name: [] for name in ("time_s", "distance_m", "hr_bpm", "lat_deg", "lon_deg", "altitude_m")
    }
    distance = 0.0
    previous = None
    for point, moment in zip(points, times, strict=True):
        if previous is not None and id(point) not in first_of_segment:
            distance += point.distance_3d(previous) or point.distance_2d(previous) or 0.0
        for name, value in (
            ("time_s", (as_utc(moment) - start).total_seconds()),
            ("distance_m", distance),
            ("hr_bpm", _extension_hr(point)),
            ("lat_deg", point.latitude),
            ("lon_deg", point.longitude),
            ("altitude_m", point.elevation),
        ):
            points_of[name].append(value)
        previous = point
    streams = streams_from_points(points_of)
    avg_hr, max_hr = hr_summary(streams)
    duration = float(streams.columns["time_s"][-1])
    if duration <= 0:
        raise InvalidInput("The GPX track has no duration (all points share one time).")
    sport = (doc.tracks[0].type or "running").lower() if doc.tracks else "running"
    return ParsedActivity(
        sport=sport,
        start_time=start,
        duration_s=duration,
        moving_time_s=None,
        distance_m=distance,
        avg_hr=avg_hr,
        max_hr=max_hr,
        elevation_gain_m=elevation_gain(streams),
        source_format="gpx",
        device=doc.creator,
        streams=streams,
    )
