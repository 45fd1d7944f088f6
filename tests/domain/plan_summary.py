"""A coach-readable summary of sample plans: week, phase, target, delivered, long run, hard days.

Run ``python -m tests.domain.plan_summary`` to print six sample plans.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from runseason.domain.periodization import PlanDraft, SecondaryRace, build_plan, week_volume
from runseason.domain.plan_model import HALF_MARATHON_M, MARATHON_M
from runseason.domain.plan_sessions import is_hard_day
from runseason.domain.plan_text import describe_warnings
from tests.domain.test_periodization import CATALOGUE, NEXT_MONDAY, TODAY, make_request

DAY_NAMES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


@dataclass(frozen=True)
class Sample:
    """One sample request: a title and the overrides of ``make_request``."""

    title: str
    fields: dict[str, Any]


SAMPLES = (
    Sample(
        "5 km, 12 weeks, 25 km/week, 4 days",
        {
            "race_distance_m": 5_000.0,
            "weeks": 12,
            "current_weekly_distance_m": 25_000.0,
            "available_weekdays": frozenset({1, 3, 5, 6}),
        },
    ),
    Sample(
        "10 km, 48 weeks, 30 km/week, 5 days",
        {
            "race_distance_m": 10_000.0,
            "weeks": 48,
            "current_weekly_distance_m": 30_000.0,
            "available_weekdays": frozenset({0, 1, 3, 5, 6}),
        },
    ),
    Sample(
        "Half marathon, 16 weeks, 40 km/week, 6 days",
        {
            "race_distance_m": HALF_MARATHON_M,
            "weeks": 16,
        },
    ),
    Sample(
        "Marathon, 18 weeks, 60 km/week, 3 days",
        {
            "race_distance_m": MARATHON_M,
            "weeks": 18,
            "current_weekly_distance_m": 60_000.0,
            "available_weekdays": frozenset({1, 3, 6}),
        },
    ),
    Sample(
        "Marathon, 18 weeks, 100 km/week, 6 days (Friday off), advanced",
        {
            "race_distance_m": MARATHON_M,
            "weeks": 18,
            "current_weekly_distance_m": 100_000.0,
            "available_weekdays": frozenset({0, 1, 2, 3, 5, 6}),
            "level": "advanced",
            "easy_pace_s_per_km": 300.0,
        },
    ),
    Sample(
        "Marathon, 24 weeks, 50 km/week, 5 days, a B half in week 14",
        {
            "race_distance_m": MARATHON_M,
            "weeks": 24,
            "current_weekly_distance_m": 50_000.0,
            "available_weekdays": frozenset({1, 2, 4, 5, 6}),
        },
    ),
)


def sample_plan(sample: Sample) -> PlanDraft:
    """The plan of a sample (the B race, when named, falls on Sunday of week 14)."""
    fields = dict(sample.fields)
    if "B half" in sample.title:
        day = NEXT_MONDAY + timedelta(weeks=13, days=6)
        fields["secondary_races"] = (SecondaryRace(day, HALF_MARATHON_M, "B"),)
    return build_plan(make_request(**fields), CATALOGUE, today=TODAY)


def summary_rows(plan: PlanDraft, pace_s_per_km: float) -> list[tuple[str, ...]]:
    """One row per week: index, phase, target, delivered and long run in km, hard days."""
    rows = []
    for week in plan.weeks:
        training = [s for s in week.sessions if s.role != "race"]
        races = [s for s in week.sessions if s.role == "race" and s.date != plan.race_date]
        delivered = week_volume(training, pace_s_per_km=pace_s_per_km) + week_volume(races)
        hard = " ".join(
            DAY_NAMES[s.date.weekday()]
            + ("(L)" if s.role == "long" else "(R)" if s.role == "race" else "")
            for s in week.sessions
            if is_hard_day(s)
        )
        phase = week.phase + (" cutback" if week.is_cutback else "")
        rows.append(
            (
                str(week.index),
                phase,
                f"{week.target_distance_m / 1000:.1f}",
                f"{delivered / 1000:.1f}",
                f"{week.long_run_distance_m / 1000:.1f}",
                hard,
            )
        )
    return rows


def render(sample: Sample) -> str:
    """A sample's summary as a text table with the plan's warnings under it."""
    plan = sample_plan(sample)
    pace = float(sample.fields.get("easy_pace_s_per_km", 360.0))
    head = ("Wk", "Phase", "Target km", "Delivered km", "Long km", "Hard days (L long, R race)")
    lines = [sample.title, "  ".join(f"{h:<12}" for h in head)]
    lines += ["  ".join(f"{c:<12}" for c in row) for row in summary_rows(plan, pace)]
    lines += [f"Warning: {text}" for text in describe_warnings(plan.warnings, "km")]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write("\n\n".join(render(s) for s in SAMPLES) + "\n")
