"""Trends over months and years and a coach's portfolio, at the boundary."""

from __future__ import annotations

from datetime import date
from typing import Literal

from runseason.schemas.common import Output


class EvidenceRead(Output):
    """One record behind a point, in words (``"Time trial: 10 km in 41:23"``) with its value."""

    day: date
    text: str
    value: float


class TrendPointRead(Output):
    """A trend's value for a month ("2026-03") or a year ("2026") and the records behind it."""

    period: str
    label: str
    value: float
    text: str
    evidence: list[EvidenceRead]


class TrendSeriesRead(Output):
    """One trend: its name in words, its unit and its points, oldest first."""

    name: str
    unit: str
    points: list[TrendPointRead]


class PersonalBestRead(Output):
    """A new best time at a standard distance, with the best it beat."""

    day: date
    distance: str
    distance_m: float
    duration_s: float
    time_text: str
    previous_s: float | None
    previous_text: str | None
    label: str


class RaceRead(Output):
    """A race or time trial with its time and VDOT."""

    day: date
    title: str
    distance_m: float
    distance_text: str
    duration_s: float
    time_text: str
    vdot: float | None


class AthleteTrendsRead(Output):
    """An athlete's long view: VDOT, threshold pace, baselines, volume, races and bests."""

    athlete_id: int
    athlete_name: str
    by: Literal["month", "year"]
    unit: Literal["km", "mi"]
    vdot: TrendSeriesRead
    threshold_pace: TrendSeriesRead
    resting_hr: TrendSeriesRead
    hrv: TrendSeriesRead
    weekly_distance: TrendSeriesRead
    long_run: TrendSeriesRead
    races: list[RaceRead]
    personal_bests: list[PersonalBestRead]


class PortfolioRead(Output):
    """A season's outcomes over a caseload; a rate is null where there was nothing to count."""

    season: int
    athletes: int
    active: int
    retained: int
    active_at_start: int
    retention: float | None
    goal_races: int
    goals_reached: int
    personal_bests: int
    adherence: float | None
    check_in_rate: float | None
    interventions_opened: int
    interventions_resolved: int
    resolved_within_sla: int
    sla_rate: float | None
    injuries: int
    return_to_run_days: float | None
