"""The one intermediate form every activity file becomes."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass(frozen=True, slots=True)
class Sample:
    """One recorded point, seconds from the start (None where the device did not record it)."""

    t_s: float
    distance_m: float | None = None
    hr: float | None = None
    lat: float | None = None
    lon: float | None = None
    altitude_m: float | None = None
    speed_m_s: float | None = None


@dataclass(frozen=True, slots=True)
class ParsedActivity:
    """An activity read from a file: summary, samples and what the reader had to guess."""

    sport: str
    start_time: datetime
    duration_s: float
    moving_time_s: float | None
    distance_m: float | None
    avg_hr: float | None
    max_hr: float | None
    elevation_gain_m: float | None
    source_format: str
    device: str | None = None
    samples: tuple[Sample, ...] = ()
    laps: int = 0
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


def hr_summary(samples: tuple[Sample, ...]) -> tuple[float | None, float | None]:
    """Mean and maximum heart rate of the samples that have one."""
    rates = [s.hr for s in samples if s.hr]
    if not rates:
        return None, None
    return sum(rates) / len(rates), max(rates)


def elevation_gain(samples: tuple[Sample, ...]) -> float | None:
    """Sum of climbs between consecutive altitudes (None without altitude data)."""
    heights = [s.altitude_m for s in samples if s.altitude_m is not None]
    if len(heights) < 2:
        return None
    return sum(max(b - a, 0.0) for a, b in itertools.pairwise(heights))
