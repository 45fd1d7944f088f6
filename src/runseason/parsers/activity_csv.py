"""Activity lists (CSV) to activities: Strava's and Garmin's exports, or any CSV with a mapping.

A row becomes a ``ParsedActivity`` without samples; a row that cannot be read becomes an error
naming its line and column. Naive times are read in the zone the export writes them in (Strava:
UTC; Garmin and a generic CSV: the athlete's own zone, given by the caller).
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from runseason.errors import InvalidInput
from runseason.parsers.model import ParsedActivity

DistanceUnit = Literal["m", "km", "mi"]
METRES = {"m": 1.0, "km": 1000.0, "mi": 1609.344}
# Export sport names to the files' sport vocabulary (services map those to the log's sports).
SPORTS = {
    "run": "running",
    "running": "running",
    "virtual run": "treadmill",
    "treadmill running": "treadmill",
    "indoor running": "treadmill",
    "trail run": "trail_running",
    "trail running": "trail_running",
    "ride": "cycling",
    "cycling": "cycling",
    "road cycling": "cycling",
    "virtual ride": "cycling",
    "swim": "swimming",
    "pool swim": "swimming",
    "open water swimming": "swimming",
    "walk": "walking",
    "walking": "walking",
    "hike": "hiking",
    "hiking": "hiking",
    "weight training": "strength_training",
    "strength training": "strength_training",
}


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which column of a CSV holds what (only ``start`` and ``duration`` are required)."""

    start: str
    duration: str
    distance: str | None = None
    distance_unit: DistanceUnit = "km"
    sport: str | None = None
    title: str | None = None
    avg_hr: str | None = None
    max_hr: str | None = None
    elevation_gain: str | None = None
    local_times: bool = True


# Strava's activities.csv repeats "Distance" and "Elapsed Time": the first in the display unit,
# the second raw (metres, seconds); ``_header`` keeps the last of each name.
STRAVA = ColumnMapping(
    start="Activity Date",
    duration="Elapsed Time",
    distance="Distance",
    distance_unit="m",
    sport="Activity Type",
    title="Activity Name",
    avg_hr="Average Heart Rate",
    max_hr="Max Heart Rate",
    elevation_gain="Elevation Gain",
    local_times=False,
)
GARMIN = ColumnMapping(
    start="Date",
    duration="Time",
    distance="Distance",
    sport="Activity Type",
    title="Title",
    avg_hr="Avg HR",
    max_hr="Max HR",
    elevation_gain="Total Ascent",
)


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One row read: its activity or what is wrong with it, and its content's digest."""

    line: int
    digest: str
    activity: ParsedActivity | None
    error: str | None
    title: str | None = None
    filename: str | None = None


def columns_of(content: bytes) -> list[str]:
    """The header of a CSV (for the column-mapping preview)."""
    return _header(next(csv.reader(_lines(content)), []))[0]


def detect_mapping(header: list[str]) -> ColumnMapping | None:
    """Strava's or Garmin's mapping when the header is theirs, else None."""
    names = set(header)
    if {"Activity ID", "Activity Date", "Elapsed Time"} <= names:
        return STRAVA
    if {"Activity Type", "Date", "Time", "Distance"} <= names:
        return GARMIN
    return None


def read_rows(
    content: bytes, *, zone: str, unit: DistanceUnit, mapping: ColumnMapping | None = None
) -> list[CsvRow]:
    """Every data row of an activity CSV; refuses a CSV whose columns are not known or mapped."""
    reader = csv.reader(_lines(content))
    header, positions = _header(next(reader, []))
    chosen = mapping or detect_mapping(header)
    if chosen is None:
        raise InvalidInput(
            "columns: this CSV is neither Strava's nor Garmin's activity list; map its columns."
        )
    if chosen is GARMIN:
        chosen = dataclasses.replace(GARMIN, distance_unit=unit)
    missing = [c for c in (chosen.start, chosen.duration) if c not in positions]
    if missing:
        raise InvalidInput(f"columns: the CSV has no column {', '.join(map(repr, missing))}.")
    tz = ZoneInfo("UTC") if not chosen.local_times else ZoneInfo(zone)
    rows = []
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        cells = {name: values[i] if i < len(values) else "" for name, i in positions.items()}
        rows.append(_row(line, values, cells, chosen, tz))
    return rows


def _lines(content: bytes) -> io.StringIO:
    try:
        return io.StringIO(content.decode("utf-8-sig"), newline="")
    except UnicodeDecodeError:
        raise InvalidInput("The CSV file is not UTF-8 text.") from None


def _header(names: list[str]) -> tuple[list[str], dict[str, int]]:
    cleaned = [n.strip() for n in names]
    return list(dict.fromkeys(cleaned)), {name: i for i, name in enumerate(cleaned)}


def _row(
    line: int, values: list[str], cells: dict[str, str], mapping: ColumnMapping, tz: ZoneInfo
) -> CsvRow:
    digest = hashlib.sha256("\x1f".join(values).encode()).hexdigest()
    title = cells.get(mapping.title or "", "").strip() or None
    filename = cells.get("Filename", "").strip() or None
    try:
        activity = _activity(cells, mapping, tz)
    except ValueError as error:
        return CsvRow(line, digest, None, str(error), title, filename)
    return CsvRow(line, digest, activity, None, title, filename)


def _activity(cells: dict[str, str], mapping: ColumnMapping, tz: ZoneInfo) -> ParsedActivity:
    start = _start(cells[mapping.start], mapping.start, tz)
    duration = _duration(cells[mapping.duration], mapping.duration)
    distance = _number(cells, mapping.distance)
    sport = cells.get(mapping.sport or "", "").strip().lower()
    return ParsedActivity(
        sport=SPORTS.get(sport, sport.replace(" ", "_") or "running"),
        start_time=start,
        duration_s=duration,
        moving_time_s=None,
        distance_m=distance * METRES[mapping.distance_unit] if distance is not None else None,
        avg_hr=_number(cells, mapping.avg_hr),
        max_hr=_number(cells, mapping.max_hr),
        elevation_gain_m=_number(cells, mapping.elevation_gain),
        source_format="csv",
    )


# ISO 8601 first (Garmin, most tools), then Strava's "Jan 5, 2024, 7:03:12 AM" and day-first forms.
TIME_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M")


def _start(text: str, column: str, tz: ZoneInfo) -> datetime:
    moment = _parse_time(text.strip())
    if moment is None:
        raise ValueError(f"{column}: '{text}' is not a date and time")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.astimezone(UTC)


def _parse_time(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for pattern in TIME_FORMATS:
        try:
            return datetime.strptime(text, pattern)  # noqa: DTZ007 (the zone is set by the caller)
        except ValueError:
            continue
    return None


def _duration(text: str, column: str) -> float:
    """Seconds, or h:mm:ss / mm:ss (Garmin)."""
    parts = text.strip().split(":")
    try:
        seconds = 0.0
        for part in parts:
            seconds = seconds * 60 + float(part.replace(",", ""))
    except ValueError:
        raise ValueError(f"{column}: '{text}' is not a duration") from None
    if not 0 < seconds < 7 * 86400:
        raise ValueError(f"{column}: '{text}' is not a duration a session can have")
    return seconds


def _number(cells: dict[str, str], column: str | None) -> float | None:
    text = cells.get(column or "", "").strip().replace(",", "")
    if not text or text == "--":
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{column}: '{text}' is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{column}: '{text}' is not a number")
    return value
