"""Logged sessions at the boundary."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator

from runseason.schemas.common import Day, Input, Moment, Output

Sport = Literal[
    "run", "trail", "treadmill", "bike", "swim", "strength", "cross", "walk", "hike", "other"
]
# Absolute bounds of the boundary; the plausible bounds within them (48 hours, 300 km, a run's
# pace) are the domain's, and a coach may confirm a value beyond those.
MAX_DURATION_S = 7 * 24 * 3600
MAX_DISTANCE_M = 1_000_000
CONFIRM_UNUSUAL = Field(
    False, description="A coach confirms an unusual duration, distance or pace as real."
)


class TrainingLogCreate(Input):
    """A session entered by hand."""

    local_date: Day
    duration_s: float = Field(gt=0, le=MAX_DURATION_S)
    distance_m: float | None = Field(None, ge=0, le=MAX_DISTANCE_M)
    rpe: float | None = Field(None, ge=0, le=10)
    avg_hr: int | None = Field(None, ge=25, le=250)
    max_hr: int | None = Field(None, ge=25, le=250)
    sport: Sport = "run"
    kind: Literal["training", "race", "time_trial"] = "training"
    title: str | None = Field(None, max_length=200)
    pain_severity: int | None = Field(None, ge=0, le=10)
    pain_location: str | None = Field(None, max_length=100)
    feel: int | None = Field(None, ge=1, le=5)
    notes: str | None = Field(None, max_length=4000)
    start_time: Moment | None = None
    confirm_unusual: bool = CONFIRM_UNUSUAL


class TrainingLogUpdate(Input):
    """Corrections to a logged session."""

    duration_s: float | None = Field(None, gt=0, le=MAX_DURATION_S)
    distance_m: float | None = Field(None, ge=0, le=MAX_DISTANCE_M)
    rpe: float | None = Field(None, ge=0, le=10)
    avg_hr: int | None = Field(None, ge=25, le=250)
    max_hr: int | None = Field(None, ge=25, le=250)
    sport: Sport | None = None
    notes: str | None = Field(None, max_length=4000)
    local_date: Day | None = None
    confirm_unusual: bool = CONFIRM_UNUSUAL


class TrainingLogRead(Output):
    """A logged session with its load and where the load came from."""

    id: int
    athlete_id: int
    planned_session_id: int | None
    local_date: date
    started_at: datetime
    sport: str
    kind: str
    title: str | None
    duration_s: float
    distance_m: float | None
    avg_hr: int | None
    max_hr: int | None
    avg_pace_s_per_km: float | None
    rpe: float | None
    pain_severity: int | None
    notes: str | None
    load: float
    load_model: str
    load_details: dict[str, Any]
    source: str
    warnings: list[str] = Field(default_factory=list)


DayExceptionKind = Literal["sick", "travelling", "injured"]
MAX_EXCEPTION_DAYS = 120


class DayExceptionCreate(Input):
    """Days the athlete is sick, travelling or injured: they leave the adherence count."""

    kind: DayExceptionKind
    start_date: date
    end_date: date | None = Field(None, description="The last day (the start day when empty).")
    note: str | None = Field(None, max_length=500)

    @field_validator("end_date")
    @classmethod
    def _days_in_order(cls, end: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("start_date")
        if end is None or start is None:
            return end
        if end < start:
            raise ValueError("the last day comes on or after the first day")
        if (end - start).days >= MAX_EXCEPTION_DAYS:
            raise ValueError(f"mark at most {MAX_EXCEPTION_DAYS} days at a time")
        return end


class DayExceptionRead(Output):
    """Marked days, with who may see why."""

    id: int
    athlete_id: int
    kind: str
    start_date: date
    end_date: date
    note: str | None


class SessionAdherenceRead(Output):
    """One planned session against what was done, with its colour (none when excused)."""

    planned_session_id: int
    day: date
    title: str
    status: str  # done, missed, excused
    band: str | None
    ratio: float | None
    duration_ratio: float | None
    distance_ratio: float | None
    load_ratio: float | None
    intensity_ratio: float | None
    intensity_basis: str | None
    intensity: str | None
    excused_by: str | None  # sick, travelling, injured


class WeekAdherenceRead(Output):
    """One week's adherence: the percentage over the sessions that count."""

    week_start: date
    percent: float | None
    counted: int
    excused: int
    green: int
    yellow: int
    red: int
    sessions: list[SessionAdherenceRead]


class AdherenceRead(Output):
    """Recent weeks of adherence and the marked days within them."""

    athlete_id: int
    weeks: list[WeekAdherenceRead]
    exceptions: list[DayExceptionRead]


class OnTrackRead(Output):
    """The current plan projected to race day against the goal."""

    athlete_id: int
    plan_id: int
    plan_name: str
    race_name: str
    race_day: date
    distance_m: float
    goal_time_s: float | None
    ctl_today: float
    ctl_race_day: float
    form_race_day: float
    vdot_now: float
    vdot_low: float
    vdot_high: float
    fast_s: float
    slow_s: float
    verdict: str  # on track, within reach, behind, no goal time
    caution: str
