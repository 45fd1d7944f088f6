"""Checks on a plan request: every rule a coach can break, in words a coach can read.

``validate_plan_request`` collects every problem it finds and raises one ``InvalidInput`` whose
message lists them and whose ``detail`` holds ``{"field", "message"}`` pairs, so a form can mark
each field. Nothing is built before the request passes, so bad input never yields a partial plan.

Dates: the weeks start on the Monday of the start date's week. Anchored backwards from the race,
the first week is ``weeks - 1`` weeks before the race week's Monday. Anchored to a start date
without a race date, the race is placed in the last week on the long-run weekday (Sunday if none).
With both dates, the number of weeks is derived (and must agree with ``weeks`` if that is given).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from runseason.domain.plan_model import LEVELS, SECONDARY_PRIORITIES, WEEKDAY_NAMES, PlanRequest
from runseason.errors import InvalidInput

MIN_WEEKS = 12
MAX_WEEKS = 48
MIN_RACE_DISTANCE_M = 1_000.0
MAX_RACE_DISTANCE_M = 100_000.0
MIN_WEEKLY_DISTANCE_M = 5_000.0
MAX_WEEKLY_DISTANCE_M = 250_000.0
MIN_EASY_PACE_S_PER_KM = 180.0
MAX_EASY_PACE_S_PER_KM = 900.0
# A goal pace faster than 2:30/km or slower than 12:00/km is not a plan we can build for.
FASTEST_GOAL_PACE_S_PER_KM = 150.0
SLOWEST_GOAL_PACE_S_PER_KM = 720.0
# A cutback comes every 3rd or 4th week of a phase (2:1 or 3:1 loading).
MIN_CUTBACK_EVERY = 3
MAX_CUTBACK_EVERY = 4
# SCIENCE.md §8: cutback weeks 20–30 % lighter.
MIN_CUTBACK_REDUCTION = 0.20
MAX_CUTBACK_REDUCTION = 0.30
# Nielsen et al. (2014): more than 30 % over two weeks was risky, so no weekly cap above 30 %.
MAX_WEEKLY_INCREASE = 0.30
MIN_LONG_RUN_INCREASE_M = 500.0
MAX_LONG_RUN_INCREASE_M = 10_000.0
MAX_RECOVERY_WEEKS = 4
DEFAULT_RACE_WEEKDAY = 6

Problem = tuple[str, str]


@dataclass(frozen=True, slots=True)
class PlanDates:
    """The resolved calendar of a plan: first Monday, first session day, race day, weeks."""

    first_monday: date
    start_date: date
    race_date: date
    weeks: int


def monday_of(day: date) -> date:
    """The Monday of the week holding ``day``."""
    return day - timedelta(days=day.weekday())


def format_pace(pace_s_per_km: float) -> str:
    """A pace as ``m:ss/km`` for messages."""
    total_s = round(pace_s_per_km)
    return f"{total_s // 60}:{total_s % 60:02d}/km"


def validate_plan_request(req: PlanRequest, *, today: date) -> None:
    """Raise ``InvalidInput`` listing every rule the request breaks; return if it is valid."""
    dates, problems = _resolve_dates(req, today)
    problems += _race_problems(req)
    problems += _volume_problems(req)
    problems += _athlete_problems(req)
    problems += _progression_problems(req)
    if dates is not None:
        problems += _calendar_problems(req, dates)
    if problems:
        raise invalid(problems)


def plan_dates(req: PlanRequest, *, today: date) -> PlanDates:
    """The plan's resolved dates; raises ``InvalidInput`` when the anchors are unusable."""
    dates, problems = _resolve_dates(req, today)
    if dates is None:
        raise invalid(problems)
    return dates


def invalid(problems: list[Problem]) -> InvalidInput:
    """One error for a list of problems: the messages joined, the pairs in ``detail``."""
    message = " ".join(text for _, text in problems)
    detail = [{"field": field, "message": text} for field, text in problems]
    return InvalidInput(message, detail=detail)


def _resolve_dates(req: PlanRequest, today: date) -> tuple[PlanDates | None, list[Problem]]:
    """Work out the first Monday, the race date and the number of weeks."""
    if req.race_date is None and req.start_date is None:
        return None, [("race_date", "Give the A race date or the plan's start date.")]
    if req.race_date is not None and req.start_date is not None:
        if req.race_date < req.start_date:
            text = f"The race date {req.race_date} is before the plan's start {req.start_date}."
            return None, [("race_date", text)]
        first_monday = monday_of(req.start_date)
        weeks = (monday_of(req.race_date) - first_monday).days // 7 + 1
        if req.weeks is not None and req.weeks != weeks:
            text = (
                f"From {req.start_date} to the race on {req.race_date} is {weeks} weeks, not "
                f"{req.weeks}; leave the number of weeks empty or change a date."
            )
            return None, [("weeks", text)]
        race_date = req.race_date
    elif req.weeks is None:
        text = "Give the number of weeks when only one of the race date and start date is set."
        return None, [("weeks", text)]
    elif req.race_date is not None:
        weeks, race_date = req.weeks, req.race_date
        first_monday = monday_of(race_date) - timedelta(weeks=weeks - 1)
    else:
        assert req.start_date is not None
        weeks, first_monday = req.weeks, monday_of(req.start_date)
        weekday = DEFAULT_RACE_WEEKDAY if req.long_run_weekday is None else req.long_run_weekday
        race_date = first_monday + timedelta(weeks=weeks - 1, days=weekday % 7)
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        text = f"A plan runs {MIN_WEEKS} to {MAX_WEEKS} weeks; this one would have {weeks}."
        return None, [("weeks", text)]
    return _check_today(req, PlanDates(first_monday, first_monday, race_date, weeks), today)


def _check_today(
    req: PlanRequest, dates: PlanDates, today: date
) -> tuple[PlanDates | None, list[Problem]]:
    """Refuse a race in the past or a plan that would have started before this week."""
    if dates.race_date < today:
        return None, [("race_date", f"The race date {dates.race_date} is in the past.")]
    if req.start_date is not None and req.start_date < today:
        return None, [("start_date", f"The plan cannot start in the past ({req.start_date}).")]
    if dates.first_monday < monday_of(today):
        weeks_left = (monday_of(dates.race_date) - monday_of(today)).days // 7 + 1
        advice = (
            f"Choose at most {weeks_left} weeks or a later race."
            if weeks_left >= MIN_WEEKS
            else f"A plan needs at least {MIN_WEEKS} weeks: choose a later race."
        )
        text = (
            f"The race on {dates.race_date} is {weeks_left} weeks away counting this one; a "
            f"{dates.weeks}-week plan would have started on {dates.first_monday}. {advice}"
        )
        return None, [("weeks", text)]
    start = max(req.start_date or dates.first_monday, today)
    return PlanDates(dates.first_monday, start, dates.race_date, dates.weeks), []


def _race_problems(req: PlanRequest) -> list[Problem]:
    """Race distance and goal time: a goal pace outside 2:30–12:00/km is impossible."""
    problems: list[Problem] = []
    if not MIN_RACE_DISTANCE_M <= req.race_distance_m <= MAX_RACE_DISTANCE_M:
        text = f"The race distance must be 1 to 100 km, not {req.race_distance_m / 1000:g} km."
        return [("race_distance_m", text)]
    if req.goal_time_s is not None:
        if req.goal_time_s <= 0:
            return [("goal_time_s", "The goal time must be positive.")]
        pace = req.goal_time_s / (req.race_distance_m / 1000.0)
        if not FASTEST_GOAL_PACE_S_PER_KM <= pace <= SLOWEST_GOAL_PACE_S_PER_KM:
            text = (
                f"The goal time implies {format_pace(pace)} over "
                f"{req.race_distance_m / 1000:g} km, which is not possible: a goal pace must "
                f"lie between {format_pace(FASTEST_GOAL_PACE_S_PER_KM)} and "
                f"{format_pace(SLOWEST_GOAL_PACE_S_PER_KM)}."
            )
            problems.append(("goal_time_s", text))
    return problems


def _volume_problems(req: PlanRequest) -> list[Problem]:
    """Current and peak weekly volume must be plausible and the peak at least the current."""
    low_km, high_km = MIN_WEEKLY_DISTANCE_M / 1000, MAX_WEEKLY_DISTANCE_M / 1000
    current = req.current_weekly_distance_m
    if not MIN_WEEKLY_DISTANCE_M <= current <= MAX_WEEKLY_DISTANCE_M:
        text = (
            f"The current weekly volume must be {low_km:g} to {high_km:g} km, not "
            f"{current / 1000:g} km."
        )
        if current < MIN_WEEKLY_DISTANCE_M:
            text += " With less running than that, start with a walk-run programme."
        return [("current_weekly_distance_m", text)]
    peak = req.peak_weekly_distance_m
    if peak is None:
        return []
    if not MIN_WEEKLY_DISTANCE_M <= peak <= MAX_WEEKLY_DISTANCE_M:
        text = f"The peak weekly volume must be {low_km:g} to {high_km:g} km."
        return [("peak_weekly_distance_m", text)]
    if peak < current:
        text = (
            f"The peak weekly volume ({peak / 1000:g} km) is below the current volume "
            f"({current / 1000:g} km)."
        )
        return [("peak_weekly_distance_m", text)]
    return []


def _athlete_problems(req: PlanRequest) -> list[Problem]:
    """Level, training days, long-run day and easy pace."""
    problems: list[Problem] = []
    if req.level not in LEVELS:
        problems.append(("level", f"The level must be one of {', '.join(LEVELS)}."))
    if not req.available_weekdays:
        problems.append(("available_weekdays", "Choose at least one available training day."))
    elif not req.available_weekdays <= frozenset(range(7)):
        problems.append(("available_weekdays", "Training days are weekdays 0 (Mon) to 6 (Sun)."))
    long_day = req.long_run_weekday
    if long_day is not None and long_day not in req.available_weekdays:
        name = WEEKDAY_NAMES[long_day] if 0 <= long_day <= 6 else str(long_day)
        text = f"The preferred long-run day ({name}) is not one of the available days."
        problems.append(("long_run_weekday", text))
    if not MIN_EASY_PACE_S_PER_KM <= req.easy_pace_s_per_km <= MAX_EASY_PACE_S_PER_KM:
        text = (
            f"The easy pace must lie between {format_pace(MIN_EASY_PACE_S_PER_KM)} and "
            f"{format_pace(MAX_EASY_PACE_S_PER_KM)}."
        )
        problems.append(("easy_pace_s_per_km", text))
    return problems


def _progression_problems(req: PlanRequest) -> list[Problem]:
    """Cutback cadence and depth, the weekly and long-run caps, recovery weeks."""
    problems: list[Problem] = []
    if req.cutback_every != 0 and not MIN_CUTBACK_EVERY <= req.cutback_every <= MAX_CUTBACK_EVERY:
        text = "A cutback week comes every 3rd or 4th week of a phase (0 turns cutbacks off)."
        problems.append(("cutback_every", text))
    if not MIN_CUTBACK_REDUCTION <= req.cutback_reduction <= MAX_CUTBACK_REDUCTION:
        problems.append(("cutback_reduction", "A cutback week is 20 % to 30 % lighter."))
    if not 0 < req.max_weekly_increase <= MAX_WEEKLY_INCREASE:
        text = "The weekly volume increase cap must be above 0 % and at most 30 %."
        problems.append(("max_weekly_increase", text))
    if not MIN_LONG_RUN_INCREASE_M <= req.max_long_run_increase_m <= MAX_LONG_RUN_INCREASE_M:
        text = "The long-run increase cap must be 0.5 to 10 km a week."
        problems.append(("max_long_run_increase_m", text))
    if req.current_long_run_m is not None and req.current_long_run_m <= 0:
        problems.append(("current_long_run_m", "The current long run must be positive."))
    if not 0 <= req.recovery_weeks <= MAX_RECOVERY_WEEKS:
        text = f"Plan 0 to {MAX_RECOVERY_WEEKS} recovery weeks after the race."
        problems.append(("recovery_weeks", text))
    return problems


def _calendar_problems(req: PlanRequest, dates: PlanDates) -> list[Problem]:
    """At least one trainable day before the race, and well-placed B and C races."""
    problems: list[Problem] = []
    span_days = (dates.race_date - dates.start_date).days
    trainable = any(
        day.weekday() in req.available_weekdays and day not in req.unavailable_dates
        for day in (dates.start_date + timedelta(days=i) for i in range(span_days))
    )
    if req.available_weekdays and not trainable:
        text = "No training day is left before the race once unavailable dates are removed."
        problems.append(("available_weekdays", text))
    problems += _secondary_race_problems(req, dates)
    return problems


def _secondary_race_problems(req: PlanRequest, dates: PlanDates) -> list[Problem]:
    """B and C races: valid priority and distance, inside the plan, not back to back."""
    problems: list[Problem] = []
    race_week = monday_of(dates.race_date)
    for race in req.secondary_races:
        if race.priority not in SECONDARY_PRIORITIES:
            problems.append(("secondary_races", f"Race priority must be B or C ({race.date})."))
        if not MIN_RACE_DISTANCE_M <= race.distance_m <= MAX_RACE_DISTANCE_M:
            problems.append(("secondary_races", f"The race on {race.date} must be 1 to 100 km."))
        if not dates.start_date <= race.date < race_week:
            text = (
                f"The {race.priority} race on {race.date} must fall between the plan's start "
                f"({dates.start_date}) and the week before the A race."
            )
            problems.append(("secondary_races", text))
    race_days = sorted([dates.race_date, *(race.date for race in req.secondary_races)])
    min_gap = 1 if req.allow_consecutive_hard else 2
    for earlier, later in pairwise(race_days):
        if (later - earlier).days < min_gap:
            text = f"Races on {earlier} and {later} are too close; leave a day between races."
            problems.append(("secondary_races", text))
    return problems
