"""TCX activities (tcxreader); its naive times are UTC by the format's definition."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from tcxreader.tcxreader import TCXReader

from runseason.errors import InvalidInput
from runseason.parsers.model import (
    Lap,
    ParsedActivity,
    as_utc,
    elevation_gain,
    streams_from_points,
)

# What tcxreader raises on a malformed file (LookupError: an encoding Python does not know).
UNREADABLE = (ParseError, AttributeError, ValueError, IndexError, TypeError, LookupError)


def _lap(lap: Any, start: datetime) -> Lap:
    began = as_utc(lap.start_time) if lap.start_time is not None else start
    return Lap(
        start_s=(began - start).total_seconds(),
        duration_s=float(lap.duration or 0.0),
        distance_m=lap.distance,
        avg_hr=lap.hr_avg,
        max_hr=float(lap.hr_max) if lap.hr_max is not None else None,
        ascent_m=lap.ascent,
    )


def parse_tcx(content: bytes) -> ParsedActivity:
    """Read a TCX activity file (tcxreader reads from a path, so a temporary file is used)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "activity.tcx"
        path.write_bytes(content)
        try:
            exercise = TCXReader().read(str(path), only_gps=False)
        except UNREADABLE as error:
            raise InvalidInput(f"The TCX file could not be read: {error}") from None
    points = [p for p in exercise.trackpoints if p.time is not None]
    if not points or exercise.start_time is None:
        raise InvalidInput("The TCX file has no timed track points to import.")
    start = as_utc(exercise.start_time)
    columns: dict[str, list[float | None]] = {
        "time_s": [(as_utc(p.time) - start).total_seconds() for p in points],
        "distance_m": [p.distance for p in points],
        "hr_bpm": [p.hr_value for p in points],
        "cadence_rpm": [p.cadence for p in points],
        "power_w": [p.tpx_ext.get("Watts") if p.tpx_ext else None for p in points],
        "altitude_m": [p.elevation for p in points],
        "speed_m_s": [p.tpx_ext.get("Speed") if p.tpx_ext else None for p in points],
        "lat_deg": [p.latitude for p in points],
        "lon_deg": [p.longitude for p in points],
    }
    streams = streams_from_points(columns)
    duration = float(exercise.duration or float(streams.columns["time_s"][-1]))
    if duration <= 0:
        raise InvalidInput("The TCX activity has no duration.")
    return ParsedActivity(
        sport=str(exercise.activity_type or "running").lower(),
        start_time=start,
        duration_s=duration,
        moving_time_s=None,
        distance_m=exercise.distance,
        avg_hr=exercise.hr_avg,
        max_hr=exercise.hr_max,
        elevation_gain_m=exercise.ascent or elevation_gain(streams),
        source_format="tcx",
        streams=streams,
        laps=tuple(_lap(lap, start) for lap in exercise.laps or []),
    )
