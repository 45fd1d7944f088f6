"""Titles from planned values and the plan's warnings, in the athlete's unit."""

from __future__ import annotations

import pytest

from runseason.domain.plan_model import PlanWarning
from runseason.domain.plan_text import (
    describe_warnings,
    distance_text,
    duration_text,
    session_title,
)
from tests.domain.plan_summary import SAMPLES, render, sample_plan, summary_rows


@pytest.mark.parametrize(
    ("category", "name", "duration_s", "distance_m", "unit", "title"),
    [
        ("easy", "Easy run 20 min", 3000.0, 8_300.0, "km", "Easy run 50 min"),
        ("recovery", "Recovery run 15 min", 1800.0, 5_000.0, "mi", "Recovery run 30 min"),
        ("long", "Long run 100 min", 3840.0, 14_000.0, "km", "Long run 14 km"),
        ("long", "Long run 100 min", 3840.0, 14_000.0, "mi", "Long run 8.7 mi"),
        ("long", "Long run 100 min", 3840.0, None, "km", "Long run 1:04 h"),
        ("race", "Race", 5400.0, 21_097.5, "km", "Race 21.1 km"),
        ("tempo", "Tempo 1 × 20 min", 2700.0, None, "km", "Tempo 1 × 20 min"),
    ],
)
def test_a_title_says_what_is_planned_in_the_athletes_unit(
    category: str,
    name: str,
    duration_s: float,
    distance_m: float | None,
    unit: str,
    title: str,
) -> None:
    assert unit in {"km", "mi"}
    got = session_title(
        category,
        name,
        duration_s=duration_s,
        distance_m=distance_m,
        unit="mi" if unit == "mi" else "km",
    )
    assert got == title


def test_durations_read_in_minutes_then_hours_and_distances_with_one_decimal() -> None:
    assert [duration_text(s) for s in (1190.0, 3569.0, 3600.0, 9000.0)] == [
        "20 min",
        "59 min",
        "1:00 h",
        "2:30 h",
    ]
    assert distance_text(10_000.0, "km") == "10 km"
    assert distance_text(10_000.0, "mi") == "6.2 mi"


def test_lowered_weeks_become_one_sentence_naming_the_weeks_and_the_largest_cut() -> None:
    warnings = [
        PlanWarning("volume_lowered", 3, 60_000.0, 44_000.0, 3),
        PlanWarning("volume_lowered", 4, 62_000.0, 40_000.0, 3),
        PlanWarning("volume_lowered", 4, 40_000.0, 38_000.0, 3),
        PlanWarning("volume_lowered", 9, 50_000.0, 45_000.0, 3),
    ]
    (text,) = describe_warnings(warnings, "km")
    assert text == (
        "The available days cannot hold the planned volume in weeks 3–4 and 9, so those targets "
        "are lowered; the largest cut is week 4, from 62 km to 38 km on 3 training days."
    )
    (in_miles,) = describe_warnings(warnings, "mi")
    assert "from 38.5 mi to 23.6 mi" in in_miles


def test_a_short_longest_marathon_run_is_named_in_the_athletes_unit() -> None:
    (text,) = describe_warnings([PlanWarning("short_long_run", None, 28_000.0, 20_000.0)], "mi")
    assert text.startswith("The longest run of this marathon plan is 12.4 mi, under the 17.4 mi")


def test_the_six_sample_plans_print_one_row_a_week_with_their_warnings() -> None:
    assert len(SAMPLES) == 6
    for sample in SAMPLES:
        plan = sample_plan(sample)
        rows = summary_rows(plan, float(sample.fields.get("easy_pace_s_per_km", 360.0)))
        assert [r[0] for r in rows] == [str(w.index) for w in plan.weeks]
        for row, week in zip(rows, plan.weeks, strict=True):
            if week.phase in {"base", "build", "peak"}:
                assert float(row[3]) >= 0.9 * float(row[2]) - 0.1
        text = render(sample)
        assert text.startswith(sample.title)
        assert text.count("Warning:") == len(describe_warnings(plan.warnings, "km"))
