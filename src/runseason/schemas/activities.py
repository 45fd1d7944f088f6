"""An imported session in depth: its laps, splits, zones, best efforts and sample streams."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from runseason.schemas.common import Input, Output
from runseason.schemas.training import TrainingLogRead


class LapRead(Output):
    """A lap as the device recorded it."""

    number: int
    start_s: float
    duration_s: float
    moving_time_s: float | None
    distance_m: float | None
    pace_s_per_km: float | None
    avg_hr: float | None
    max_hr: float | None
    ascent_m: float | None


class SplitRead(Output):
    """One whole kilometre or mile (the athlete's unit; the last may be shorter)."""

    number: int
    distance_m: float
    duration_s: float
    pace_s_per_km: float
    gap_s_per_km: float | None
    avg_hr: float | None
    elevation_change_m: float | None


class ZoneTimeRead(Output):
    """Seconds spent in one of the athlete's zones (bpm, or seconds per km for pace)."""

    name: str
    low: float
    high: float
    seconds: float


class BestEffortRead(Output):
    """The fastest stretch of a standard distance within the session."""

    label: str
    distance_m: float
    duration_s: float


class PlannedRead(Output):
    """The planned session the log was matched to."""

    title: str
    category: str
    planned_duration_s: float
    planned_distance_m: float | None
    planned_load: float


class ActivityRead(Output):
    """A logged session with what its file recorded."""

    log: TrainingLogRead
    unit: str
    has_streams: bool
    has_route: bool
    channels: list[str]
    moving_time_s: float | None
    elevation_gain_m: float | None
    graded_pace_s_per_km: float | None
    load_basis: str = Field(description="Which model and which data gave the load, in words.")
    laps: list[LapRead]
    splits: list[SplitRead]
    heart_rate_zones: list[ZoneTimeRead]
    pace_zones: list[ZoneTimeRead]
    best_efforts: list[BestEffortRead]
    planned: PlannedRead | None


class ActivityStreamsRead(Output):
    """A session's samples, column by column (null where the device recorded nothing)."""

    activity_id: int
    point_count: int = Field(description="How many samples the device recorded.")
    points: int = Field(description="How many samples are returned (fewer when thinned).")
    channels: dict[str, list[float | None]]


class ProfileSuggestionRead(Output):
    """A change to the athlete's profile that their recorded sessions suggest (never applied
    until a coach accepts it)."""

    kind: Literal["vdot", "hr_max", "lthr"]
    title: str
    current: float | None
    suggested: float
    evidence: str
    activity_id: int


class ProfileSuggestionAnswer(Input):
    """A coach's answer to one suggestion: accept (the profile changes) or ignore (it goes)."""

    kind: Literal["vdot", "hr_max", "lthr"]
    activity_id: int = Field(ge=1)
    accept: bool
