"""Trends over a year, computed from constructed histories whose answers are known."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from runseason.domain.paces import equivalent_time_s, training_paces
from runseason.domain.trends import (
    Effort,
    baseline_trend,
    effort_vdot,
    long_run_trend,
    period_of,
    personal_bests,
    standard_distance,
    threshold_pace_trend,
    vdot_trend,
    weekly_volume_trend,
)

START = date(2025, 1, 15)


def _rising_year() -> list[Effort]:
    """A 10 km time trial each month whose VDOT climbs evenly from 45 to 50, and a slower tempo
    effort beside it in the same month."""
    efforts = []
    for month in range(12):
        day = date(2025, month + 1, 15)
        target = 45 + 5 * month / 11
        efforts.append(Effort(day, 10000.0, equivalent_time_s(target, 10000.0), "Time trial"))
        efforts.append(Effort(day + timedelta(days=5), 5000.0, 1800.0, "Parkrun"))
    return efforts


def test_a_vdot_rising_from_45_to_50_over_a_year_reads_45_to_50_month_by_month() -> None:
    points = vdot_trend(_rising_year(), "month")
    assert [p.period for p in points] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert points[0].value == pytest.approx(45.0, abs=0.1)
    assert points[-1].value == pytest.approx(50.0, abs=0.1)
    values = [p.value for p in points]
    assert values == sorted(values)
    # Each point lists the month's efforts, the best first, in words.
    assert len(points[3].evidence) == 2
    assert points[3].evidence[0].text.startswith("Time trial: 10 km in ")
    assert points[3].evidence[0].value >= points[3].evidence[1].value


def test_by_year_the_best_effort_of_the_year_stands() -> None:
    (year,) = vdot_trend(_rising_year(), "year")
    assert year.period == "2025"
    assert year.value == pytest.approx(50.0, abs=0.1)
    assert len(year.evidence) == 24


def test_threshold_pace_follows_the_vdot_and_gets_faster() -> None:
    points = threshold_pace_trend(vdot_trend(_rising_year(), "month"))
    assert points[0].value == pytest.approx(training_paces(45.0).threshold_s_per_km, abs=0.5)
    assert points[-1].value < points[0].value


def test_short_or_off_scale_efforts_give_no_vdot() -> None:
    assert effort_vdot(Effort(START, 400.0, 70.0, "Track 400")) is None
    assert effort_vdot(Effort(START, 5000.0, 9000.0, "Walk")) is None
    assert effort_vdot(Effort(START, 5000.0, 1500.0, "Race")) == pytest.approx(38.3, abs=0.2)


def test_a_resting_heart_rate_falling_over_the_year_shows_in_the_monthly_medians() -> None:
    readings = [(START + timedelta(days=i), 60.0 - i / 30.0) for i in range(0, 330, 3)]
    points = baseline_trend(readings, "month", "bpm")
    assert points[0].value > points[-1].value
    assert points[0].value == pytest.approx(59.7, abs=0.5)
    assert points[-1].value == pytest.approx(49.3, abs=0.5)
    assert points[0].evidence[0].text == "60 bpm"


def test_weekly_volume_divides_by_the_weeks_of_the_month_within_the_history() -> None:
    runs = [(date(2025, 3, 1) + timedelta(days=i), 10000.0) for i in range(0, 31, 2)]
    runs.append((date(2025, 4, 10), 14000.0))
    points = weekly_volume_trend(runs, "month", first=date(2025, 3, 1), last=date(2025, 4, 14))
    march, april = points
    assert march.value == pytest.approx(16 * 10000.0 / (31 / 7), rel=1e-3)
    # April counts only the 14 days up to the last day of the history.
    assert april.value == pytest.approx(14000.0 / 2.0, rel=1e-3)
    assert "16 runs" in march.evidence[0].text


def test_the_long_run_is_the_longest_of_the_period() -> None:
    runs = [(date(2025, 5, 3), 18000.0), (date(2025, 5, 20), 24000.0), (date(2025, 6, 1), 12000.0)]
    may, june = long_run_trend(runs, "month")
    assert may.value == 24000.0
    assert may.evidence[0].day == date(2025, 5, 20)
    assert june.value == 12000.0


def test_personal_bests_are_each_new_best_at_a_standard_distance() -> None:
    efforts = [
        Effort(date(2025, 2, 1), 5030.0, 1260.0, "Parkrun"),
        Effort(date(2025, 3, 1), 5000.0, 1275.0, "Parkrun"),  # slower: not a best
        Effort(date(2025, 4, 1), 4990.0, 1230.0, "Spring 5K"),
        Effort(date(2025, 4, 8), 7300.0, 2000.0, "Odd distance"),  # no standard distance
        Effort(date(2025, 9, 1), 21100.0, 5990.0, "City half"),
    ]
    bests = personal_bests(efforts)
    assert [(b.distance, b.duration_s, b.previous_s) for b in bests] == [
        ("5 km", 1260.0, None),
        ("5 km", 1230.0, 1260.0),
        ("Half marathon", 5990.0, None),
    ]


def test_standard_distances_allow_three_percent() -> None:
    assert standard_distance(10250.0) == ("10 km", 10000.0)
    assert standard_distance(10400.0) is None
    assert standard_distance(1609.0) == ("1 mile", 1609.344)


def test_periods_are_months_or_years() -> None:
    assert period_of(date(2026, 3, 9), "month") == "2026-03"
    assert period_of(date(2026, 3, 9), "year") == "2026"
    december = [(date(2025, 12, 31), 5000.0)]
    (point,) = weekly_volume_trend(december, "month", first=date(2025, 1, 1), last=date(2026, 1, 5))
    assert point.value == pytest.approx(5000.0 / (31 / 7), rel=1e-3)
