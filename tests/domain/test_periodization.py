"""The periodized plan builder on worked examples: 12-, 24- and 48-week plans, races, editing rules.

The catalogue and request builders here are shared by the other ``test_plan_*`` modules.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest

from runseason.domain.periodization import (
    CatalogueEntry,
    PlanDraft,
    PlanRequest,
    SecondaryRace,
    SessionDraft,
    build_plan,
    hard_day_conflicts,
    planned_load,
    week_volume,
)
from runseason.domain.plan_model import HALF_MARATHON_M, MARATHON_M

TODAY = date(2026, 11, 25)  # a Wednesday
NEXT_MONDAY = date(2026, 11, 30)
ALL_TRAINING = ("base", "build", "peak", "taper")
EVERY_PHASE = (*ALL_TRAINING, "recovery")


def entry(
    code: str,
    category: str,
    phases: tuple[str, ...],
    *,
    hard: bool = False,
    level: str = "beginner",
    minutes: float = 45,
) -> CatalogueEntry:
    """A catalogue entry; easy, recovery and long templates are scalable."""
    scalable = category in {"easy", "recovery", "long"}
    return CatalogueEntry(code, category, phases, hard, level, scalable, minutes * 60.0)


CATALOGUE: tuple[CatalogueEntry, ...] = (
    entry("easy-aerobic", "easy", EVERY_PHASE),
    entry("easy-hilly", "easy", ("base", "build", "peak"), level="intermediate"),
    entry("recovery-jog", "recovery", EVERY_PHASE, minutes=30),
    entry("long-steady", "long", ALL_TRAINING, minutes=90),
    entry("long-fast-finish", "long", ("build", "peak"), level="intermediate", minutes=110),
    entry("hills-short", "hills", ("base", "build"), hard=True, minutes=50),
    entry("fartlek-classic", "fartlek", ("base", "build"), hard=True),
    entry("progression-run", "progression", ("base", "build"), hard=True, level="intermediate"),
    entry("strides-6x20", "strides_speed", ("base", "build", "taper"), minutes=40),
    entry("tempo-20", "tempo", ("build", "peak", "taper"), hard=True),
    entry("cruise-3x10", "threshold_intervals", ("build", "peak", "taper"), hard=True, minutes=60),
    entry("vo2-5x1000", "vo2max_intervals", ("build", "peak"), hard=True, level="intermediate"),
    entry("vo2-6x800", "vo2max_intervals", ("peak",), hard=True, level="advanced", minutes=55),
    entry("race-pace-blocks", "race_pace", ("peak", "taper"), hard=True, minutes=50),
)
CATALOGUE_BY_CODE = {e.code: e for e in CATALOGUE}


def make_request(**overrides: Any) -> PlanRequest:
    """A valid 16-week half-marathon request starting next Monday; override any field."""
    fields: dict[str, Any] = {
        "race_distance_m": HALF_MARATHON_M,
        "race_date": None,
        "start_date": NEXT_MONDAY,
        "weeks": 16,
        "current_weekly_distance_m": 40_000.0,
        "level": "intermediate",
        "available_weekdays": frozenset({0, 1, 2, 3, 5, 6}),
        "unavailable_dates": frozenset(),
        "long_run_weekday": None,
        "easy_pace_s_per_km": 360.0,
        "goal_time_s": None,
    }
    fields.update(overrides)
    return PlanRequest(**fields)


def all_sessions(plan: PlanDraft) -> list[SessionDraft]:
    """Every session of a plan in date order."""
    return [s for week in plan.weeks for s in week.sessions]


def phase_counts(plan: PlanDraft) -> tuple[int, int, int, int]:
    """Weeks of base, build, peak and taper."""
    counts = Counter(week.phase for week in plan.weeks)
    return (counts["base"], counts["build"], counts["peak"], counts["taper"])


def session(day: date, *, hard: bool, distance_m: float | None = 5_000.0) -> SessionDraft:
    """A bare session for the editing rules."""
    return SessionDraft(day, "x", "easy", hard, "easy", distance_m, 1800.0, 90.0, "base", None, 3)


# --- whole plans -----------------------------------------------------------------------------

PLAN_SHAPES = [
    # weeks, race distance, (base, build, peak, taper) weeks, peak weekly volume (intermediate,
    # from 40 km: the table's peak, or what 10 % a week reaches in 12 weeks' 5 growth weeks)
    (12, 5_000.0, (4, 3, 3, 2), 50_000.0),
    (12, HALF_MARATHON_M, (4, 3, 3, 2), 60_000.0),
    (12, MARATHON_M, (4, 3, 3, 2), 40_000.0 * 1.1**5),
    (24, 5_000.0, (9, 8, 5, 2), 50_000.0),
    (24, HALF_MARATHON_M, (10, 8, 4, 2), 60_000.0),
    (24, MARATHON_M, (11, 7, 4, 2), 75_000.0),
    (48, 5_000.0, (32, 8, 6, 2), 50_000.0),
    (48, HALF_MARATHON_M, (32, 8, 6, 2), 60_000.0),
    (48, MARATHON_M, (32, 8, 6, 2), 75_000.0),
]


@pytest.mark.parametrize(("weeks", "distance_m", "phases", "peak_m"), PLAN_SHAPES)
def test_plan_of_12_24_48_weeks_has_the_documented_phase_layout(
    weeks: int, distance_m: float, phases: tuple[int, int, int, int], peak_m: float
) -> None:
    plan = build_plan(make_request(weeks=weeks, race_distance_m=distance_m), CATALOGUE, today=TODAY)
    assert len(plan.weeks) == weeks
    assert phase_counts(plan) == phases
    assert [w.index for w in plan.weeks] == list(range(1, weeks + 1))
    assert plan.weeks[0].start_date == NEXT_MONDAY
    assert plan.weeks[-1].start_date == NEXT_MONDAY + timedelta(weeks=weeks - 1)
    assert max(w.target_distance_m for w in plan.weeks) == pytest.approx(peak_m)


@pytest.mark.parametrize(("weeks", "distance_m", "phases", "peak_m"), PLAN_SHAPES)
def test_plan_of_12_24_48_weeks_ends_with_the_race_on_sunday_of_the_last_week(
    weeks: int, distance_m: float, phases: tuple[int, int, int, int], peak_m: float
) -> None:
    plan = build_plan(make_request(weeks=weeks, race_distance_m=distance_m), CATALOGUE, today=TODAY)
    race_day = NEXT_MONDAY + timedelta(weeks=weeks - 1, days=6)
    assert plan.race_date == race_day
    last = plan.weeks[-1]
    assert (last.is_race_week, last.is_taper, last.long_run_distance_m) == (True, True, 0)
    assert last.sessions[-1].date == race_day
    assert last.sessions[-1].role == "race"
    assert last.sessions[-1].distance_m == distance_m
    assert hard_day_conflicts(all_sessions(plan)) == ()


@pytest.mark.parametrize(("weeks", "distance_m", "phases", "peak_m"), PLAN_SHAPES)
def test_plan_of_12_24_48_weeks_has_a_sunday_long_run_every_week_but_race_week(
    weeks: int, distance_m: float, phases: tuple[int, int, int, int], peak_m: float
) -> None:
    plan = build_plan(make_request(weeks=weeks, race_distance_m=distance_m), CATALOGUE, today=TODAY)
    for week in plan.weeks[:-1]:
        longs = [s for s in week.sessions if s.role == "long"]
        assert [s.date.weekday() for s in longs] == [6]
        assert longs[0].distance_m == week.long_run_distance_m
        assert week_volume(week.sessions, pace_s_per_km=360.0) <= week.target_distance_m + 1e-6


def test_marathon_plan_starts_at_current_volume_and_reaches_peak_by_the_end_of_build() -> None:
    req = make_request(weeks=24, race_distance_m=MARATHON_M)
    plan = build_plan(req, CATALOGUE, today=TODAY)
    assert plan.weeks[0].target_distance_m == pytest.approx(40_000.0)
    last_build = max(w.index for w in plan.weeks if w.phase == "build" and not w.is_cutback)
    assert plan.weeks[last_build - 1].target_distance_m == pytest.approx(75_000.0)
    assert all(
        w.target_distance_m == pytest.approx(75_000.0)
        for w in plan.weeks
        if w.phase == "peak" and not w.is_cutback
    )


def test_race_session_carries_goal_pace_and_a_session_rpe_load() -> None:
    # 1:45:00 half: 6300 s / 21.0975 km = 298.61 s/km; load 9 × 105 min = 945
    plan = build_plan(make_request(goal_time_s=6300.0), CATALOGUE, today=TODAY)
    race = plan.weeks[-1].sessions[-1]
    assert (race.template_code, race.category, race.is_hard) == ("race", "race", True)
    assert race.duration_s == 6300.0
    assert race.target_pace_s_per_km == pytest.approx(298.61, abs=0.01)
    assert race.planned_load == pytest.approx(945.0)


@pytest.mark.parametrize(
    ("category", "minutes", "load"),
    [
        ("threshold_intervals", 60, 420.0),  # SCIENCE.md §3: 60 min at RPE 7 → 420 AU
        ("easy", 40, 120.0),
        ("recovery", 30, 60.0),
        ("vo2max_intervals", 45, 360.0),
        ("race", 100, 900.0),
    ],
)
def test_planned_load_is_rpe_times_minutes(category: str, minutes: float, load: float) -> None:
    assert planned_load(category, minutes * 60.0) == pytest.approx(load)


def test_easy_session_lasts_its_distance_at_easy_pace() -> None:
    plan = build_plan(make_request(), CATALOGUE, today=TODAY)
    easy = next(s for s in all_sessions(plan) if s.role == "easy")
    assert easy.distance_m is not None
    assert easy.duration_s == pytest.approx(easy.distance_m / 1000.0 * 360.0)
    assert easy.target_pace_s_per_km == 360.0
    assert easy.planned_load == pytest.approx(3.0 * easy.duration_s / 60.0)
    assert easy.distance_m % 100 == 0


def test_backwards_anchored_plan_starts_on_the_monday_weeks_before_race_week() -> None:
    race_day = date(2027, 4, 17)  # a Saturday
    req = make_request(start_date=None, race_date=race_day, weeks=16)
    plan = build_plan(req, CATALOGUE, today=TODAY)
    assert plan.weeks[0].start_date == date(2026, 12, 28)
    assert plan.weeks[-1].start_date == date(2027, 4, 12)
    assert plan.race_date == race_day
    assert plan.weeks[-1].sessions[-1].date == race_day


def test_both_dates_derive_the_number_of_weeks() -> None:
    req = make_request(start_date=date(2026, 12, 2), race_date=date(2027, 3, 21), weeks=None)
    plan = build_plan(req, CATALOGUE, today=TODAY)
    assert len(plan.weeks) == 16
    assert plan.weeks[0].start_date == NEXT_MONDAY
    assert plan.start_date == date(2026, 12, 2)
    assert min(s.date for s in all_sessions(plan)) >= date(2026, 12, 2)


def test_start_anchored_plan_places_the_race_on_the_long_run_weekday_of_the_last_week() -> None:
    req = make_request(long_run_weekday=5)
    plan = build_plan(req, CATALOGUE, today=TODAY)
    assert plan.race_date == NEXT_MONDAY + timedelta(weeks=15, days=5)


def test_sessions_skip_unavailable_dates_and_move_the_long_run_to_the_nearest_day() -> None:
    away = frozenset({NEXT_MONDAY + timedelta(days=i) for i in range(7, 14) if i != 12})
    plan = build_plan(make_request(unavailable_dates=away), CATALOGUE, today=TODAY)
    week_two = plan.weeks[1]
    assert [(s.date.weekday(), s.role) for s in week_two.sessions] == [(5, "long")]
    assert not {s.date for s in all_sessions(plan)} & away


def test_b_race_gets_a_three_day_mini_taper_a_recovery_day_and_replaces_the_long_run() -> None:
    b_day = NEXT_MONDAY + timedelta(weeks=7, days=5)  # Saturday of week 8 (a cutback week)
    req = make_request(secondary_races=(SecondaryRace(b_day, 10_000.0, "B"),))
    plan = build_plan(req, CATALOGUE, today=TODAY)
    week = plan.weeks[7]
    plain = build_plan(make_request(), CATALOGUE, today=TODAY).weeks[7]
    assert week.target_distance_m == pytest.approx(plain.target_distance_m * 0.8)
    by_day = {s.date: s for s in week.sessions}
    assert (by_day[b_day].role, by_day[b_day].is_hard) == ("race", True)
    assert by_day[b_day + timedelta(days=1)].role == "recovery"
    assert not any(s.is_hard for d, s in by_day.items() if b_day - timedelta(days=3) <= d < b_day)
    assert not any(s.role == "long" for s in week.sessions)
    assert week_volume(week.sessions, pace_s_per_km=360.0) <= week.target_distance_m + 1e-6


def test_c_race_keeps_the_long_run_and_trims_the_week_by_ten_percent() -> None:
    c_day = NEXT_MONDAY + timedelta(weeks=5, days=2)  # Wednesday of week 6
    req = make_request(secondary_races=(SecondaryRace(c_day, 5_000.0, "C"),))
    plan = build_plan(req, CATALOGUE, today=TODAY)
    plain = build_plan(make_request(), CATALOGUE, today=TODAY).weeks[5]
    week = plan.weeks[5]
    assert week.target_distance_m == pytest.approx(plain.target_distance_m * 0.9)
    assert any(s.role == "long" for s in week.sessions)
    hard_days = [s.date for s in week.sessions if s.is_hard and s.role != "race"]
    assert all(not c_day - timedelta(days=2) <= d <= c_day + timedelta(days=1) for d in hard_days)


def test_recovery_weeks_follow_the_race_with_easy_running_only() -> None:
    plan = build_plan(make_request(recovery_weeks=2), CATALOGUE, today=TODAY)
    assert len(plan.weeks) == 18
    recovery = plan.weeks[-2:]
    assert [w.phase for w in recovery] == ["recovery", "recovery"]
    peak_m = 60_000.0
    assert [w.target_distance_m for w in recovery] == pytest.approx([0.3 * peak_m, 0.5 * peak_m])
    assert {s.role for w in recovery for s in w.sessions} == {"recovery"}
    race_week = plan.weeks[15]
    assert race_week.sessions[-1].role == "race"


def test_four_consecutive_days_never_hold_two_hard_sessions_unless_the_coach_allows() -> None:
    days = frozenset({0, 1, 2, 3})
    strict = build_plan(
        make_request(available_weekdays=days, level="advanced"), CATALOGUE, today=TODAY
    )
    relaxed = build_plan(
        make_request(available_weekdays=days, level="advanced", allow_consecutive_hard=True),
        CATALOGUE,
        today=TODAY,
    )
    assert hard_day_conflicts(all_sessions(strict)) == ()
    assert hard_day_conflicts(all_sessions(relaxed)) != ()


def test_the_same_request_gives_the_same_plan_whatever_the_catalogue_order() -> None:
    req = make_request(weeks=30, race_distance_m=MARATHON_M, level="advanced")
    first = build_plan(req, CATALOGUE, today=TODAY)
    assert build_plan(req, CATALOGUE, today=TODAY) == first
    assert build_plan(req, tuple(reversed(CATALOGUE)), today=TODAY) == first


def test_quality_templates_rotate_through_the_phase_candidates() -> None:
    req = make_request(level="advanced", weeks=24)
    plan = build_plan(req, CATALOGUE, today=TODAY)
    build_weeks = [w for w in plan.weeks if w.phase == "build"]
    quality = [[s.template_code for s in w.sessions if s.role == "quality"] for w in build_weeks]
    # threshold first, then VO2max, then the other build categories in turn
    assert set(quality[0]) == {"cruise-3x10", "vo2-5x1000"}
    assert len({code for week in quality for code in week}) >= 5


def test_beginner_plan_only_uses_beginner_templates() -> None:
    plan = build_plan(make_request(level="beginner"), CATALOGUE, today=TODAY)
    runs = [s for s in all_sessions(plan) if s.role != "race"]
    levels = {CATALOGUE_BY_CODE[s.template_code].level for s in runs}
    assert levels == {"beginner"}


def test_request_is_not_changed_by_building() -> None:
    req = make_request()
    copy = dataclasses.replace(req)
    build_plan(req, CATALOGUE, today=TODAY)
    assert req == copy


# --- editing rules ---------------------------------------------------------------------------

MON, TUE, WED, THU = (NEXT_MONDAY + timedelta(days=i) for i in range(4))


@pytest.mark.parametrize(
    ("hard_days", "easy_days", "conflicts"),
    [
        ((MON, TUE), (), (MON, TUE)),
        ((MON, WED), (TUE,), ()),
        ((MON, TUE, WED), (), (MON, TUE, WED)),
        ((MON, WED, THU), (), (WED, THU)),
        ((), (MON, TUE, WED), ()),
    ],
)
def test_hard_day_conflicts_lists_every_hard_day_next_to_another(
    hard_days: tuple[date, ...], easy_days: tuple[date, ...], conflicts: tuple[date, ...]
) -> None:
    sessions = [session(d, hard=True) for d in hard_days] + [
        session(d, hard=False) for d in easy_days
    ]
    assert hard_day_conflicts(reversed(sessions)) == conflicts


@pytest.mark.parametrize(
    ("distances", "pace", "volume"),
    [
        ((5_000.0, 8_000.0), None, 13_000.0),
        ((5_000.0, None), None, 5_000.0),
        ((5_000.0, None), 360.0, 10_000.0),  # 1800 s at 6:00/km = 5 km
        ((), None, 0.0),
    ],
)
def test_week_volume_sums_distances_and_converts_durations_at_a_pace(
    distances: tuple[float | None, ...], pace: float | None, volume: float
) -> None:
    sessions = [session(MON, hard=False, distance_m=d) for d in distances]
    assert week_volume(sessions, pace_s_per_km=pace) == pytest.approx(volume)


def test_coach_set_peak_volume_is_reached_and_never_exceeded() -> None:
    plan = build_plan(make_request(peak_weekly_distance_m=52_000.0), CATALOGUE, today=TODAY)
    assert max(w.target_distance_m for w in plan.weeks) == pytest.approx(52_000.0)


def test_catalogue_without_quality_work_gives_a_plan_of_easy_and_long_runs() -> None:
    easy_only = tuple(e for e in CATALOGUE if e.category in {"easy", "recovery", "long"})
    plan = build_plan(make_request(level="advanced"), easy_only, today=TODAY)
    assert {s.role for s in all_sessions(plan)} == {"easy", "long", "race"}


def test_beginner_runs_at_most_four_days_a_week_even_with_every_day_free() -> None:
    req = make_request(level="beginner", available_weekdays=frozenset(range(7)))
    plan = build_plan(req, CATALOGUE, today=TODAY)
    for week in plan.weeks:
        assert sum(1 for s in week.sessions if s.role != "race") <= 4
