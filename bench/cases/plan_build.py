"""plan-build: a 48-week marathon plan built by the domain alone, no database."""

from __future__ import annotations

from datetime import date, timedelta

from bench.harness import med, p95, timed
from bench.records import Record
from runseason.domain.library import builtin_templates
from runseason.domain.periodization import build_plan
from runseason.domain.plan_model import PlanRequest


def run(repeat: int) -> list[Record]:
    """Time ``build_plan`` for an intermediate runner five days a week."""
    start = date(2027, 1, 4)
    request = PlanRequest(
        race_distance_m=42195.0,
        race_date=start + timedelta(weeks=48) - timedelta(days=1),
        start_date=start,
        weeks=None,
        current_weekly_distance_m=50_000.0,
        level="intermediate",
        available_weekdays=frozenset({0, 1, 3, 5, 6}),
        unavailable_dates=frozenset(),
        long_run_weekday=6,
        easy_pace_s_per_km=330.0,
        goal_time_s=None,
    )
    catalogue = tuple(t.catalogue_entry() for t in builtin_templates())
    times = timed(lambda: build_plan(request, catalogue, today=start), repeat)
    sessions = sum(len(w.sessions) for w in build_plan(request, catalogue, today=start).weeks)
    return [
        Record(
            "plan-build",
            "-",
            f"48 weeks, {sessions} sessions",
            "ms",
            med(times),
            p95(times),
            target="<= 50 ms",
        )
    ]
