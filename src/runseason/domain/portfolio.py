"""A coach's season in numbers: who stayed, who reached their goals, how the care went.

The figures a coaching business is judged on, from one record per athlete of what their season
held. Rates are None where nothing was there to count (no planned session, no day on the
caseload), never a zero that reads as a failure.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

# An athlete counts as active with a logged session or a check-in in the last four weeks.
ACTIVE_WINDOW_DAYS = 28
# Retention compares the season's first eight weeks with its last four.
OPENING_DAYS = 56


@dataclass(frozen=True, slots=True)
class GoalOutcome:
    """A race goal whose day fell in the season: run or not, and the target met or not."""

    race_date: date
    completed: bool
    reached: bool


@dataclass(frozen=True, slots=True)
class Episode:
    """An injury (or an intervention): when it opened and when it closed, if it has."""

    opened: datetime
    closed: datetime | None


@dataclass(frozen=True, slots=True)
class AthleteSeason:
    """What one athlete's season held, counted by the database."""

    athlete_id: int
    days_on_caseload: int
    active_at_start: bool
    active_at_end: bool
    planned: int
    planned_done: int
    check_in_days: int
    personal_bests: int
    goals: tuple[GoalOutcome, ...] = ()
    injuries: tuple[Episode, ...] = ()
    interventions: tuple[Episode, ...] = ()


@dataclass(frozen=True, slots=True)
class Portfolio:
    """The season's figures over a caseload."""

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


def season_bounds(season: int, today: date) -> tuple[date, date]:
    """The season's first day and its last counted day (today, while it runs)."""
    return date(season, 1, 1), min(date(season, 12, 31), today)


def opening_window(season: int) -> tuple[date, date]:
    """The season's first eight weeks, where retention starts counting."""
    first = date(season, 1, 1)
    return first, first + timedelta(days=OPENING_DAYS - 1)


def closing_window(last: date) -> tuple[date, date]:
    """The four weeks up to the season's last counted day."""
    return last - timedelta(days=ACTIVE_WINDOW_DAYS - 1), last


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def summarize(season: int, athletes: Sequence[AthleteSeason], *, sla: timedelta) -> Portfolio:
    """The season's figures over the athletes' records (``sla``: how soon a coach should act)."""
    start = [a for a in athletes if a.active_at_start]
    goals = [g for a in athletes for g in a.goals if g.completed]
    interventions = [e for a in athletes for e in a.interventions]
    resolved = [e for e in interventions if e.closed is not None]
    in_time = [e for e in resolved if e.closed is not None and e.closed - e.opened <= sla]
    injuries = [e for a in athletes for e in a.injuries]
    healed = [(e.closed - e.opened).days for e in injuries if e.closed is not None]
    planned = sum(a.planned for a in athletes)
    return Portfolio(
        season=season,
        athletes=len(athletes),
        active=sum(a.active_at_end for a in athletes),
        retained=sum(a.active_at_end for a in start),
        active_at_start=len(start),
        retention=_rate(sum(a.active_at_end for a in start), len(start)),
        goal_races=len(goals),
        goals_reached=sum(g.reached for g in goals),
        personal_bests=sum(a.personal_bests for a in athletes),
        adherence=_rate(sum(a.planned_done for a in athletes), planned),
        check_in_rate=_rate(
            sum(a.check_in_days for a in athletes), sum(a.days_on_caseload for a in athletes)
        ),
        interventions_opened=len(interventions),
        interventions_resolved=len(resolved),
        resolved_within_sla=len(in_time),
        sla_rate=_rate(len(in_time), len(resolved)),
        injuries=len(injuries),
        return_to_run_days=statistics.median(healed) if healed else None,
    )
