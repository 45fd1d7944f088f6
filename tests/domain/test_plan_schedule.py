"""The scheduler on single weeks: races placed first and a B race's week cut, the long run on the
preferred day, quality work away from other hard days, and each week completed within its target
and its level's training days (a target the week cannot hold is lowered with a warning).

The numbers are written here rather than imported, so a changed constant fails a test.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from runseason.domain.periodization import volume_settings
from runseason.domain.plan_calendar import build_calendar
from runseason.domain.plan_model import PlanRequest, SecondaryRace, WeekTarget
from runseason.domain.plan_schedule import Scheduler
from runseason.domain.plan_sessions import hard_day_conflicts, is_hard_day, week_volume
from runseason.domain.plan_templates import TemplatePicker
from runseason.domain.plan_validation import plan_dates
from runseason.domain.plan_week import WeekState
from tests.domain.test_periodization import CATALOGUE, NEXT_MONDAY, TODAY, make_request

WEEK_3 = NEXT_MONDAY + timedelta(weeks=2)


def _target(km: float, long_km: float, quality: int, **more: Any) -> WeekTarget:
    fields: dict[str, Any] = {
        "index": 3,
        "phase": "build",
        "is_cutback": False,
        "is_taper": False,
        "is_race_week": False,
        "distance_m": km * 1000.0,
        "long_run_distance_m": long_km * 1000.0,
        "quality_sessions": quality,
    }
    return WeekTarget(**{**fields, **more})


def _scheduler(req: PlanRequest) -> Scheduler:
    dates = plan_dates(req, today=TODAY)
    calendar = build_calendar(req, dates, dates.weeks)
    picker = TemplatePicker(CATALOGUE, req.level)
    settings = volume_settings(req, dates.weeks)
    return Scheduler(req, calendar, picker, settings, initial_long_run_m=16_000.0)


def _week(
    req: PlanRequest, target: WeekTarget, monday: date = WEEK_3
) -> tuple[Scheduler, WeekState]:
    scheduler = _scheduler(req)
    state = scheduler.open_week(target, monday)
    scheduler.choose_long_day(state)
    scheduler.place_quality(state)
    scheduler.complete_week(state)
    return scheduler, state


def test_a_b_race_is_placed_first_and_cuts_its_week_by_a_fifth() -> None:
    race_day = WEEK_3 + timedelta(days=5)
    req = make_request(secondary_races=(SecondaryRace(race_day, 10_000.0, "B"),))
    state = _scheduler(req).open_week(_target(50, 16, 2), WEEK_3)
    race = state.sessions[race_day]
    assert (race.role, race.distance_m, race.is_hard) == ("race", 10_000.0, True)
    assert state.race_cut == pytest.approx(0.8)
    assert state.target_distance_m == pytest.approx(40_000.0)
    assert state.budget_m == pytest.approx(30_000.0)  # the race counts in the week's volume


def test_the_long_run_goes_on_the_preferred_day_or_the_nearest_open_one() -> None:
    scheduler = _scheduler(make_request())
    state = scheduler.open_week(_target(50, 16, 2), WEEK_3)
    scheduler.choose_long_day(state)
    assert state.long_day == WEEK_3 + timedelta(days=6)
    assert state.long_day in scheduler.hard_days
    sunday_away = make_request(unavailable_dates=frozenset({WEEK_3 + timedelta(days=6)}))
    scheduler = _scheduler(sunday_away)
    state = scheduler.open_week(_target(50, 16, 2), WEEK_3)
    scheduler.choose_long_day(state)
    assert state.long_day == WEEK_3 + timedelta(days=5)
    none = scheduler.open_week(_target(30, 0, 0), WEEK_3 + timedelta(weeks=1))
    scheduler.choose_long_day(none)
    assert none.long_day is None


def test_a_week_keeps_hard_days_apart_and_its_volume_within_its_target() -> None:
    scheduler, state = _week(make_request(), _target(40, 14, 2))  # what the athlete runs now
    assert scheduler.warnings == []
    assert state.target_distance_m == 40_000.0
    sessions = list(state.sessions.values())
    assert hard_day_conflicts(sessions) == ()
    quality = [s for s in sessions if s.role == "quality"]
    assert len(quality) == 2
    long = [s for s in sessions if s.role == "long"]
    assert [s.date for s in long] == [WEEK_3 + timedelta(days=6)]
    planned = week_volume(sessions, pace_s_per_km=360.0)
    assert 0.9 * 40_000.0 <= planned <= 40_000.0 + 1e-6
    easy = [s for s in sessions if s.role == "easy"]
    assert easy
    assert all(3_000.0 <= (s.distance_m or 0) <= long[0].distance_m for s in easy)  # type: ignore[operator]
    assert all(is_hard_day(s) for s in quality + long)


@pytest.mark.parametrize(("level", "most"), [("beginner", 4), ("intermediate", 6)])
def test_a_level_caps_the_training_days(level: str, most: int) -> None:
    req = make_request(level=level, available_weekdays=frozenset(range(7)))
    _, state = _week(req, _target(60, 18, 2))
    assert state.run_days() <= most
    assert len([s for s in state.sessions.values() if s.role != "race"]) <= most


def test_a_target_past_what_the_week_may_hold_is_lowered_with_a_warning() -> None:
    req = make_request(available_weekdays=frozenset({1, 3, 6}), level="beginner")
    scheduler, state = _week(req, _target(120, 20, 1))
    assert state.target_distance_m < 120_000.0
    (warning,) = scheduler.warnings
    assert (warning.kind, warning.week_index, warning.requested_m) == (
        "volume_lowered",
        3,
        120_000.0,
    )
    assert warning.planned_m == pytest.approx(state.target_distance_m)
    assert (
        week_volume(state.sessions.values(), pace_s_per_km=360.0) <= state.target_distance_m + 1e-6
    )
