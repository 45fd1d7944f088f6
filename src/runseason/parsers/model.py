"""The one intermediate form every activity file becomes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from runseason.domain.streams import Streams, make_streams


@dataclass(frozen=True, slots=True)
class Lap:
    """A lap as the device recorded it, seconds from the activity's start."""

    start_s: float
    duration_s: float
    moving_time_s: float | None = None
    distance_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    ascent_m: float | None = None


@dataclass(frozen=True, slots=True)
class ParsedActivity:
    """An activity read from a file: summary, sample streams, laps and what the reader guessed."""

    sport: str
    start_time: datetime
    duration_s: float
    moving_time_s: float | None
    distance_m: float | None
    avg_hr: float | None
    max_hr: float | None
    elevation_gain_m: float | None
    source_format: str
    streams: Streams = field(default_factory=lambda: make_streams({"time_s": []}))
    device: str | None = None
    laps: tuple[Lap, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_run(self) -> bool:
        """Whether the device recorded a run (other sports are kept but flagged)."""
        return self.sport in ("running", "trail_running", "treadmill", "run")


def as_utc(value: datetime) -> datetime:
    """Naive timestamps from a file are UTC by the format's definition; aware ones are converted."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def fingerprint(parsed: ParsedActivity) -> str:
    """A stable identity of an activity (start second, duration and distance) for duplicates."""
    key = "|".join(
        (
            parsed.start_time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
            f"{round(parsed.duration_s)}",
            f"{round(parsed.distance_m or 0)}",
        )
    )
    return hashlib.sha256(key.encode()).hexdigest()[:40]


def hr_summary(streams: Streams) -> tuple[float | None, float | None]:
    """Mean and maximum heart rate of the samples that have one."""
    hr = streams.get("hr_bpm")
    if hr is None:
        return None, None
    rates = hr[hr > 0]
    if not len(rates):
        return None, None
    return float(rates.mean()), float(rates.max())


def elevation_gain(streams: Streams) -> float | None:
    """Sum of climbs between consecutive altitudes (None without altitude data)."""
    altitude = streams.get("altitude_m")
    if altitude is None:
        return None
    heights = altitude[~np.isnan(altitude)]
    if len(heights) < 2:
        return None
    return float(np.clip(np.diff(heights), 0.0, None).sum())


def streams_from_points(points: dict[str, list[float | None]]) -> Streams:
    """Streams from per-point lists (None where a point lacks a value), as XML readers give."""
    return make_streams(
        {name: [np.nan if v is None else v for v in values] for name, values in points.items()}
    )
