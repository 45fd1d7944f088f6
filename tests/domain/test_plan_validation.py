"""Bad plan requests get clear errors and no partial plan."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any

import pytest

from runseason.domain.periodization import (
    CatalogueEntry,
    SecondaryRace,
    build_plan,
    validate_plan_request,
)
from runseason.domain.plan_model import MARATHON_M
from runseason.domain.plan_validation import format_pace, plan_dates
from runseason.errors import InvalidInput
from tests.domain.test_periodization import CATALOGUE, NEXT_MONDAY, TODAY, entry, make_request

RACE_DAY = NEXT_MONDAY + timedelta(weeks=15, days=6)
ALL_MONDAYS = frozenset(NEXT_MONDAY + timedelta(weeks=i) for i in range(16))

BAD_REQUESTS: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "race_before_start",
        {"race_date": date(2026, 12, 20), "start_date": date(2027, 1, 4), "weeks": None},
        "race_date",
        "before the plan's start",
    ),
    ("eleven_weeks", {"weeks": 11}, "weeks", "12 to 48 weeks; this one would have 11"),
    ("forty_nine_weeks", {"weeks": 49}, "weeks", "would have 49"),
    (
        "ten_weeks_between_dates",
        {"start_date": NEXT_MONDAY, "race_date": NEXT_MONDAY + timedelta(weeks=9), "weeks": None},
        "weeks",
        "would have 10",
    ),
    (
        "weeks_disagree_with_dates",
        {"start_date": NEXT_MONDAY, "race_date": RACE_DAY, "weeks": 20},
        "weeks",
        "is 16 weeks, not 20",
    ),
    ("no_anchor", {"start_date": None, "race_date": None}, "race_date", "race date or"),
    ("anchor_without_weeks", {"weeks": None}, "weeks", "number of weeks"),
    ("race_in_the_past", {"start_date": None, "race_date": date(2026, 11, 1)}, "race_date", "past"),
    ("start_in_the_past", {"start_date": date(2026, 11, 20)}, "start_date", "in the past"),
    (
        "backwards_plan_too_long",
        {"start_date": None, "race_date": NEXT_MONDAY + timedelta(weeks=12, days=6), "weeks": 16},
        "weeks",
        "14 weeks away counting this one; a 16-week plan would have started on 2026-11-09. "
        "Choose at most 14 weeks",
    ),
    (
        "race_closer_than_twelve_weeks",
        {"start_date": None, "race_date": NEXT_MONDAY + timedelta(weeks=8, days=6), "weeks": 12},
        "weeks",
        "at least 12 weeks: choose a later race",
    ),
    (
        "no_training_days",
        {"available_weekdays": frozenset(), "long_run_weekday": None},
        "available_weekdays",
        "at least one available training day",
    ),
    (
        "every_training_day_unavailable",
        {"available_weekdays": frozenset({0}), "unavailable_dates": ALL_MONDAYS},
        "available_weekdays",
        "No training day is left",
    ),
    ("weekday_out_of_range", {"available_weekdays": frozenset({1, 7})}, "available_weekdays", "0"),
    (
        "five_k_faster_than_2_30_per_km",
        {"race_distance_m": 5_000.0, "goal_time_s": 12 * 60.0},  # 2:24/km
        "goal_time_s",
        "implies 2:24/km",
    ),
    (
        "marathon_slower_than_12_per_km",
        {"race_distance_m": MARATHON_M, "goal_time_s": 9 * 3600.0},  # 12:48/km
        "goal_time_s",
        "implies 12:48/km",
    ),
    ("negative_goal", {"goal_time_s": -1.0}, "goal_time_s", "positive"),
    ("race_too_short", {"race_distance_m": 400.0}, "race_distance_m", "1 to 100 km"),
    (
        "no_running_base",
        {"current_weekly_distance_m": 2_000.0},
        "current_weekly_distance_m",
        "not 2 km. With less running than that, start with a walk-run programme.",
    ),
    ("absurd_volume", {"current_weekly_distance_m": 400_000.0}, "current_weekly_distance_m", "250"),
    (
        "peak_below_current",
        {"peak_weekly_distance_m": 30_000.0},
        "peak_weekly_distance_m",
        "below the current volume",
    ),
    ("peak_absurd", {"peak_weekly_distance_m": 300_000.0}, "peak_weekly_distance_m", "250"),
    ("unknown_level", {"level": "elite"}, "level", "beginner, intermediate, advanced"),
    ("long_run_day_unavailable", {"long_run_weekday": 4}, "long_run_weekday", "(Friday)"),
    ("easy_pace_absurd", {"easy_pace_s_per_km": 100.0}, "easy_pace_s_per_km", "3:00/km"),
    ("cutback_every_week", {"cutback_every": 1}, "cutback_every", "3rd or 4th"),
    ("cutback_every_fifth", {"cutback_every": 5}, "cutback_every", "3rd or 4th"),
    ("cutback_too_deep", {"cutback_reduction": 0.4}, "cutback_reduction", "20 % to 30 %"),
    ("cutback_too_shallow", {"cutback_reduction": 0.1}, "cutback_reduction", "20 % to 30 %"),
    ("weekly_cap_too_high", {"max_weekly_increase": 0.5}, "max_weekly_increase", "30 %"),
    ("weekly_cap_zero", {"max_weekly_increase": 0.0}, "max_weekly_increase", "above 0 %"),
    ("long_run_cap", {"max_long_run_increase_m": 20_000.0}, "max_long_run_increase_m", "10 km"),
    ("current_long_run", {"current_long_run_m": 0.0}, "current_long_run_m", "positive"),
    ("recovery_weeks", {"recovery_weeks": 6}, "recovery_weeks", "0 to 4"),
    (
        "b_race_in_race_week",
        {"secondary_races": (SecondaryRace(RACE_DAY - timedelta(days=3), 10_000.0, "B"),)},
        "secondary_races",
        "the week before the A race",
    ),
    (
        "b_race_before_start",
        {"secondary_races": (SecondaryRace(NEXT_MONDAY - timedelta(days=1), 10_000.0, "B"),)},
        "secondary_races",
        "between the plan's start",
    ),
    (
        "priority_a_as_secondary",
        {"secondary_races": (SecondaryRace(NEXT_MONDAY + timedelta(weeks=5), 10e3, "A"),)},
        "secondary_races",
        "B or C",
    ),
    (
        "secondary_race_too_long",
        {"secondary_races": (SecondaryRace(NEXT_MONDAY + timedelta(weeks=5), 200e3, "C"),)},
        "secondary_races",
        "1 to 100 km",
    ),
    (
        "back_to_back_races",
        {
            "secondary_races": (
                SecondaryRace(NEXT_MONDAY + timedelta(weeks=5, days=5), 5e3, "C"),
                SecondaryRace(NEXT_MONDAY + timedelta(weeks=5, days=6), 10e3, "B"),
            )
        },
        "secondary_races",
        "too close",
    ),
]


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [case[1:] for case in BAD_REQUESTS],
    ids=[case[0] for case in BAD_REQUESTS],
)
def test_bad_request_is_refused_with_a_clear_message_and_no_plan(
    overrides: dict[str, Any], field: str, fragment: str
) -> None:
    req = make_request(**overrides)
    with pytest.raises(InvalidInput) as refused:
        validate_plan_request(req, today=TODAY)
    assert fragment in refused.value.message
    assert field in {item["field"] for item in refused.value.detail}
    with pytest.raises(InvalidInput):
        build_plan(req, CATALOGUE, today=TODAY)


def test_every_problem_is_reported_at_once() -> None:
    req = make_request(level="elite", cutback_reduction=0.5, available_weekdays=frozenset())
    with pytest.raises(InvalidInput) as refused:
        validate_plan_request(req, today=TODAY)
    fields = [item["field"] for item in refused.value.detail]
    assert fields == ["level", "available_weekdays", "cutback_reduction"]


@pytest.mark.parametrize(
    ("distance_m", "goal_s"),
    [
        (5_000.0, 12.5 * 60),  # exactly 2:30/km
        (MARATHON_M, MARATHON_M / 1000 * 720),  # exactly 12:00/km
        (10_000.0, 40 * 60),
    ],
)
def test_goal_paces_inside_2_30_to_12_00_per_km_are_accepted(
    distance_m: float, goal_s: float
) -> None:
    validate_plan_request(make_request(race_distance_m=distance_m, goal_time_s=goal_s), today=TODAY)


def test_consecutive_races_are_accepted_when_the_coach_allows_consecutive_hard_days() -> None:
    races = (
        SecondaryRace(NEXT_MONDAY + timedelta(weeks=5, days=5), 5e3, "C"),
        SecondaryRace(NEXT_MONDAY + timedelta(weeks=5, days=6), 10e3, "C"),
    )
    validate_plan_request(
        make_request(secondary_races=races, allow_consecutive_hard=True), today=TODAY
    )


def test_backwards_plan_may_start_this_week_with_sessions_from_today() -> None:
    race_day = date(2027, 2, 21)  # Sunday of the week 13 weeks after this one
    req = make_request(start_date=None, race_date=race_day, weeks=13)
    dates = plan_dates(req, today=TODAY)
    assert dates.first_monday == date(2026, 11, 23)
    assert dates.start_date == TODAY
    plan = build_plan(req, CATALOGUE, today=TODAY)
    assert min(s.date for w in plan.weeks for s in w.sessions) >= TODAY


@pytest.mark.parametrize(
    ("pace", "text"), [(150.0, "2:30/km"), (359.6, "6:00/km"), (720, "12:00/km")]
)
def test_format_pace_reads_minutes_and_seconds(pace: float, text: str) -> None:
    assert format_pace(pace) == text


BAD_CATALOGUES: list[tuple[str, tuple[CatalogueEntry, ...], str]] = [
    (
        "no_build_easy_run",
        (
            *(e for e in CATALOGUE if e.category != "easy"),
            entry("easy-base", "easy", ("base", "peak", "taper")),
        ),
        "no easy-run template for the build phase",
    ),
    (
        "no_beginner_long_run",
        (
            *(e for e in CATALOGUE if e.category != "long"),
            entry("long-adv", "long", ("base", "build", "peak", "taper"), level="advanced"),
        ),
        "no long-run template for the base phase at intermediate level",
    ),
    ("repeated_code", (*CATALOGUE, CATALOGUE[0]), "repeated"),
    ("reserved_code", (*CATALOGUE, entry("race", "easy", ("base",))), "reserved"),
    ("unknown_category", (*CATALOGUE, entry("x", "swim", ("base",))), "unknown category"),
    ("unknown_phase", (*CATALOGUE, entry("x", "easy", ("winter",))), "phases"),
    ("unknown_level", (*CATALOGUE, entry("x", "easy", ("base",), level="pro")), "unknown level"),
    ("no_duration", (*CATALOGUE, entry("x", "easy", ("base",), minutes=0)), "positive duration"),
]


@pytest.mark.parametrize(
    ("catalogue", "fragment"),
    [case[1:] for case in BAD_CATALOGUES],
    ids=[case[0] for case in BAD_CATALOGUES],
)
def test_unusable_catalogue_is_refused_before_any_plan_is_built(
    catalogue: tuple[CatalogueEntry, ...], fragment: str
) -> None:
    with pytest.raises(InvalidInput, match=fragment):
        build_plan(make_request(), catalogue, today=TODAY)


def test_recovery_weeks_need_a_recovery_phase_template() -> None:
    catalogue = tuple(
        dataclasses.replace(e, phases=tuple(p for p in e.phases if p != "recovery"))
        for e in CATALOGUE
    )
    build_plan(make_request(), catalogue, today=TODAY)
    with pytest.raises(InvalidInput, match="recovery phase"):
        build_plan(make_request(recovery_weeks=1), catalogue, today=TODAY)


def test_plan_dates_refuses_unusable_anchors() -> None:
    with pytest.raises(InvalidInput, match="race date or"):
        plan_dates(make_request(start_date=None), today=TODAY)
