"""The plan's calendar: which days the athlete can train, where the races are, and the days
around each race that stay free of hard work.

- Open days are the athlete's available weekdays from the first session day on, minus unavailable
  dates and race days. Nothing is planned after the A race in its own week; optional recovery
  weeks follow it.
- Before each race a mini-taper keeps hard sessions and the long run away: 3 days before A and B
  races, 2 before C races (our defaults). The day after every race holds no hard session and no
  long run; after a B or C race it is a recovery day (a short recovery run or rest).
- The preferred long-run weekday is the coach's choice, else Sunday, else Saturday, else the
  latest available weekday.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from runseason.domain.plan_model import PlanRequest
from runseason.domain.plan_validation import PlanDates, monday_of

# Days without hard sessions before a race, by priority (our defaults).
MINI_TAPER_DAYS: dict[str, int] = {"A": 3, "B": 3, "C": 2}
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class RaceDay:
    """A race on the calendar: the A race or a B/C race."""

    day: date
    distance_m: float
    priority: str


@dataclass(frozen=True, slots=True)
class Calendar:
    """Which days may hold which sessions, for the whole plan."""

    open_days: frozenset[date]
    races: Mapping[date, RaceDay]
    no_hard: frozenset[date]
    recovery_days: frozenset[date]
    preferred_long_weekday: int


def build_calendar(req: PlanRequest, dates: PlanDates, total_weeks: int) -> Calendar:
    """Open days, races, mini-taper windows and recovery days of the whole plan."""
    races = {dates.race_date: RaceDay(dates.race_date, req.race_distance_m, "A")}
    for secondary in req.secondary_races:
        races[secondary.date] = RaceDay(secondary.date, secondary.distance_m, secondary.priority)
    no_hard: set[date] = set()
    recovery_days: set[date] = set()
    for race in races.values():
        taper_days = MINI_TAPER_DAYS[race.priority]
        no_hard.update(race.day - timedelta(days=n) for n in range(1, taper_days + 1))
        no_hard.add(race.day + ONE_DAY)
        if race.priority != "A":
            recovery_days.add(race.day + ONE_DAY)
    post_race_end = monday_of(dates.race_date) + timedelta(weeks=1)
    last_day = dates.first_monday + timedelta(weeks=total_weeks) - ONE_DAY
    open_days = frozenset(
        day
        for day in days_between(dates.start_date, last_day)
        if day.weekday() in req.available_weekdays
        and day not in req.unavailable_dates
        and day not in races
        and not dates.race_date <= day < post_race_end
    )
    return Calendar(
        open_days, races, frozenset(no_hard), frozenset(recovery_days), long_run_weekday(req)
    )


def days_between(first: date, last: date) -> list[date]:
    """Every date from ``first`` to ``last`` inclusive."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def long_run_weekday(req: PlanRequest) -> int:
    """The preferred long-run weekday: the coach's, else Sunday, Saturday, the latest open day."""
    if req.long_run_weekday is not None:
        return req.long_run_weekday
    for weekday in (6, 5):
        if weekday in req.available_weekdays:
            return weekday
    return max(req.available_weekdays)


def next_to(day: date, days: set[date] | frozenset[date]) -> bool:
    """Whether the day before or after ``day`` is in ``days``."""
    return day - ONE_DAY in days or day + ONE_DAY in days


def spread_pick(candidates: list[date], anchors: set[date]) -> date:
    """The candidate furthest from every anchor day (up to a week); ties go to the earliest."""

    def score(day: date) -> tuple[int, int]:
        gap = min((abs((day - anchor).days) for anchor in anchors), default=7)
        return (min(gap, 7), -day.toordinal())

    return max(candidates, key=score)
