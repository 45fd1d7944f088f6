"""TCX activities (tcxreader); its naive times are UTC by the format's definition."""

from __future__ import annotations

import tempfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

from tcxreader.tcxreader import TCXReader

from runseason.errors import InvalidInput
from runseason.parsers.model import ParsedActivity, Sample, as_utc, elevation_gain


def parse_tcx(content: bytes) -> ParsedActivity:
    """Read a TCX activity file (tcxreader reads from a path, so a temporary file is used)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "activity.tcx"
        path.write_bytes(content)
        try:
            exercise = TCXReader().read(str(path), only_gps=False)
        except (ParseError, AttributeError, ValueError, IndexError, TypeError) as error:
            raise InvalidInput(f"The TCX file could not be read: {error}") from None
    points = [p for p in exercise.trackpoints if p.time is not None]
    if not points or exercise.start_time is None:
        raise InvalidInput("The TCX file has no timed track points to import.")
    start = as_utc(exercise.start_time)
    samples = tuple(
        Sample(
            t_s=(as_utc(p.time) - start).total_seconds(),
            distance_m=p.distance,
            hr=p.hr_value,
            lat=p.latitude,
            lon=p.longitude,
            altitude_m=p.elevation,
        )
        for p in points
    )
    duration = float(exercise.duration or samples[-1].t_s)
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
        elevation_gain_m=exercise.ascent or elevation_gain(samples),
        source_format="tcx",
        samples=samples,
        laps=len(getattr(exercise, "laps", []) or []),
    )
