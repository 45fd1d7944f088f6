"""The session briefing and the analytics views at the boundary."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from runseason.schemas.common import Output


class TargetRead(Output):
    """One target in words, e.g. ``{"label": "Pace", "text": "6:08–6:25 /km"}``."""

    label: str
    text: str


class BriefingRead(Output):
    """Today's advice for one athlete, in their units and time zone.

    ``decision`` is one of go, reduce, swap, rest, talk_to_coach, see_clinician, check_in_first
    or no_session; ``decision_label`` says it in words.
    """

    athlete_id: int
    local_date: date
    decision: str
    decision_label: str
    title: str
    reason: str
    duration_s: float | None
    distance_m: float | None
    duration_text: str | None
    distance_text: str | None
    intensity: str
    planned_title: str | None
    planned_session_id: int | None
    readiness_score: float | None
    readiness_band: str | None
    factors: list[str]
    targets: list[TargetRead]
    adjustments: list[str]
    unit: str


class DayMetricRead(Output):
    """One day of the fitness chart."""

    day: date
    load: float
    planned_load: float
    ctl: float
    atl: float
    form: float
    acwr_ewma: float | None
    acwr_uncoupled: float | None
    ramp: float | None
    monotony: float | None
    strain: float | None
    readiness_score: float | None
    spike_flag: bool


class WeekRollup(Output):
    """One week of training."""

    week_start: date
    distance_m: float
    duration_s: float
    load: float
    sessions: int
    planned_load: float


class ProjectedDayRead(Output):
    """A day ahead: fitness, fatigue and form expected if the plan is followed as written."""

    day: date
    planned_load: float
    ctl: float
    atl: float
    form: float


class LoadHistoryRead(Output):
    """Fitness, fatigue, form and ACWR over a period, with what the numbers can and cannot say.

    ``projection`` continues fitness, fatigue and form from tomorrow to the active plan's race day
    over the plan's planned load (empty without an active plan whose race is ahead).
    """

    athlete_id: int
    days: list[DayMetricRead]
    weeks: list[WeekRollup]
    acwr_available: bool
    caution: str
    projection: list[ProjectedDayRead] = Field(default_factory=list)
    race_day: date | None = None
    race_name: str | None = None
