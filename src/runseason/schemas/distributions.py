"""The organization week by week, at the boundary: every chart's counts."""

from __future__ import annotations

from datetime import date

from runseason.schemas.common import Output


class ShareRead(Output):
    """Athlete-days in one readiness band or risk bucket in one week."""

    week_start: date
    category: str
    athlete_days: int


class OutcomeWeekRead(Output):
    """A week's planned sessions (rest days not counted) by what became of them."""

    week_start: date
    planned: int
    completed: int
    partial: int
    missed: int
    adherence: float | None


class LoadWeekRead(Output):
    """A week's training load over the athletes with a day in it."""

    week_start: date
    athletes: int
    median_load: float
    total_load: float
    planned_load: float


class DistributionsRead(Output):
    """Readiness, risk, adherence and load across the athletes, week by week."""

    weeks: int
    readiness: list[ShareRead]
    risk: list[ShareRead]
    adherence: list[OutcomeWeekRead]
    load: list[LoadWeekRead]
