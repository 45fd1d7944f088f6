"""The plan's calendar: open days, races with their mini-tapers and recovery days, the long-run
weekday, and the helpers that keep hard days apart.

The numbers are written here rather than imported, so a changed constant fails a test.
"""

from __future__ import annotations

from datetime import date, timedelta

from runseason.domain.plan_calendar import (
    build_calendar,
    days_between,
    long_run_weekday,
    next_to,
    spread_pick,
)
from runseason.domain.plan_model import SecondaryRace
from runseason.domain.plan_validation import plan_dates
from tests.domain.test_periodization import NEXT_MONDAY, TODAY, make_request

ONE = timedelta(days=1)


def test_days_between_counts_both_ends() -> None:
    assert days_between(NEXT_MONDAY, NEXT_MONDAY) == [NEXT_MONDAY]
    assert days_between(NEXT_MONDAY, NEXT_MONDAY + 2 * ONE) == [
        NEXT_MONDAY,
        NEXT_MONDAY + ONE,
        NEXT_MONDAY + 2 * ONE,
    ]


def test_the_long_run_weekday_is_the_coachs_then_sunday_saturday_the_latest_day() -> None:
    assert long_run_weekday(make_request(long_run_weekday=2)) == 2
    assert long_run_weekday(make_request(available_weekdays=frozenset({1, 3, 5, 6}))) == 6
    assert long_run_weekday(make_request(available_weekdays=frozenset({1, 3, 5}))) == 5
    assert long_run_weekday(make_request(available_weekdays=frozenset({0, 2, 4}))) == 4


def test_next_to_looks_one_day_either_side() -> None:
    days = {NEXT_MONDAY}
    assert next_to(NEXT_MONDAY - ONE, days)
    assert next_to(NEXT_MONDAY + ONE, days)
    assert not next_to(NEXT_MONDAY, days)
    assert not next_to(NEXT_MONDAY + 2 * ONE, days)


def test_spread_pick_takes_the_day_furthest_from_the_anchors_earliest_on_a_tie() -> None:
    week = [NEXT_MONDAY + n * ONE for n in range(7)]
    assert spread_pick(week[1:6], {week[0], week[6]}) == week[3]
    assert spread_pick([week[2], week[4]], {week[3]}) == week[2]
    assert spread_pick(week[1:4], set()) == week[1]
    far = {NEXT_MONDAY - timedelta(days=30)}
    assert spread_pick(week[:3], far) == week[0]  # gaps past a week count as a week


def test_the_calendar_keeps_races_tapers_recovery_days_and_the_available_days() -> None:
    away = NEXT_MONDAY + timedelta(days=15)  # a Wednesday
    b_race = SecondaryRace(NEXT_MONDAY + timedelta(weeks=8, days=6), 10_000.0, "B")
    c_race = SecondaryRace(NEXT_MONDAY + timedelta(weeks=5, days=5), 5_000.0, "C")
    req = make_request(
        unavailable_dates=frozenset({away}),
        secondary_races=(b_race, c_race),
        available_weekdays=frozenset({0, 2, 3, 5, 6}),
    )
    dates = plan_dates(req, today=TODAY)
    calendar = build_calendar(req, dates, dates.weeks + 1)  # one recovery week after the race
    a_day = dates.race_date
    assert {r.priority for r in calendar.races.values()} == {"A", "B", "C"}
    assert calendar.races[a_day].distance_m == req.race_distance_m
    for race, taper in ((a_day, 3), (b_race.date, 3), (c_race.date, 2)):
        before = {race - n * ONE for n in range(1, taper + 1)}
        assert before | {race + ONE} <= calendar.no_hard, race
        assert race - (taper + 1) * ONE not in calendar.no_hard or race == a_day
    assert calendar.recovery_days == {b_race.date + ONE, c_race.date + ONE}
    assert all(d.weekday() in {0, 2, 3, 5, 6} for d in calendar.open_days)
    assert away not in calendar.open_days
    assert not set(calendar.races) & calendar.open_days
    assert min(calendar.open_days) >= dates.start_date
    after_a = {d for d in calendar.open_days if d > a_day}
    assert after_a
    assert min(after_a) >= a_day - timedelta(days=a_day.weekday()) + timedelta(weeks=1)
    assert calendar.preferred_long_weekday == 6


def test_no_day_from_the_a_race_on_is_open_without_recovery_weeks() -> None:
    req = make_request(available_weekdays=frozenset({0, 1, 2, 3, 4, 5, 6}))
    dates = plan_dates(req, today=TODAY)
    calendar = build_calendar(req, dates, dates.weeks)
    last = max(calendar.open_days)
    assert last < dates.race_date
    assert date.weekday(dates.race_date) == 6  # a 16-week plan from a Monday ends on a Sunday
