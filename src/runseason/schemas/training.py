"""Logged sessions at the boundary."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

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
