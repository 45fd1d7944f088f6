"""A template and a day made into a session: distances floored to 100 m, easy pace for scalable
runs, Riegel's formula for races at another distance, and the hard days next to each other."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from runseason.domain.plan_model import CatalogueEntry, SessionDraft
from runseason.domain.plan_sessions import (
    estimated_distance_m,
    fixed_session,
    floor_distance_m,
    hard_day_conflicts,
    is_hard_day,
    race_duration_s,
    race_session,
    scaled_session,
    week_volume,
)

MONDAY = date(2026, 11, 30)
LONG = CatalogueEntry("long-steady", "long", ("base",), False, "beginner", True, 5400.0)
TEMPO = CatalogueEntry("tempo-20", "tempo", ("build",), True, "beginner", False, 2700.0)


@pytest.mark.parametrize(
    ("distance_m", "floored"),
    [(1234.0, 1200.0), (1300.0, 1300.0), (99.9, 0.0), (12_999.99, 12_900.0)],
)
def test_a_distance_is_floored_to_whole_100_m(distance_m: float, floored: float) -> None:
    assert floor_distance_m(distance_m) == floored


def test_a_fixed_duration_template_counts_its_duration_at_easy_pace() -> None:
    assert estimated_distance_m(TEMPO, 360.0) == pytest.approx(7_500.0)


def test_a_scaled_session_runs_its_distance_at_easy_pace() -> None:
    run = scaled_session(
        LONG, MONDAY, role="long", phase="base", distance_m=18_000.0, easy_pace_s_per_km=360.0
    )
    assert (run.distance_m, run.duration_s) == (18_000.0, 6480.0)
    assert run.planned_load == pytest.approx(4.0 * 108)  # long: RPE 4 x 108 minutes
    assert (run.role, run.template_code, run.target_pace_s_per_km, run.target_rpe) == (
        "long",
        "long-steady",
        360.0,
        4.0,
    )


def test_a_fixed_session_keeps_its_duration_and_has_no_distance() -> None:
    work = fixed_session(TEMPO, MONDAY, role="quality", phase="build")
    assert (work.distance_m, work.duration_s, work.is_hard) == (None, 2700.0, True)
    assert work.planned_load == pytest.approx(6.0 * 45)
    assert work.target_pace_s_per_km is None


def test_a_race_takes_the_goal_time_scaled_by_riegel_else_an_estimate() -> None:
    same = race_duration_s(
        21_097.5, goal_time_s=6000.0, goal_distance_m=21_097.5, easy_pace_s_per_km=360.0
    )
    assert same == pytest.approx(6000.0)
    half = race_duration_s(
        10_000.0, goal_time_s=6000.0, goal_distance_m=21_097.5, easy_pace_s_per_km=360.0
    )
    assert half == pytest.approx(6000.0 * (10_000 / 21_097.5) ** 1.06)
    guessed = race_duration_s(
        10_000.0, goal_time_s=None, goal_distance_m=21_097.5, easy_pace_s_per_km=360.0
    )
    assert guessed == pytest.approx(10 * 360.0 * 0.8)


def test_a_race_session_is_hard_at_its_expected_pace() -> None:
    race = race_session(MONDAY, distance_m=10_000.0, duration_s=2400.0, phase="taper")
    assert (race.role, race.category, race.template_code, race.is_hard) == (
        "race",
        "race",
        "race",
        True,
    )
    assert race.target_pace_s_per_km == pytest.approx(240.0)
    assert race.planned_load == pytest.approx(9.0 * 40)


def _draft(
    day: date, *, hard: bool = False, role: str = "easy", distance_m: float | None = None
) -> SessionDraft:
    return SessionDraft(day, "x", "easy", hard, role, distance_m, 1800.0, 90.0, "base", None, 3.0)


def test_week_volume_counts_duration_only_sessions_only_at_a_pace() -> None:
    week = [_draft(MONDAY, distance_m=5000.0), _draft(MONDAY + timedelta(days=2))]
    assert week_volume(week) == 5000.0
    assert week_volume(week, pace_s_per_km=360.0) == pytest.approx(10_000.0)


def test_the_long_run_and_a_race_make_a_hard_day_and_neighbours_conflict() -> None:
    assert not is_hard_day(_draft(MONDAY))
    assert is_hard_day(_draft(MONDAY, hard=True))
    assert is_hard_day(_draft(MONDAY, role="long"))
    assert is_hard_day(_draft(MONDAY, role="race"))
    day = [MONDAY + timedelta(days=n) for n in range(7)]
    week = [
        _draft(day[0], hard=True),
        _draft(day[1]),
        _draft(day[2], hard=True),
        _draft(day[3], role="long"),
        _draft(day[5], hard=True),
        _draft(day[6], role="race"),
    ]
    assert hard_day_conflicts(week) == (day[2], day[3], day[5], day[6])
    assert hard_day_conflicts(week[:2]) == ()
