"""The season's figures summed from athletes' records whose outcomes are known."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from runseason.domain.portfolio import (
    AthleteSeason,
    Episode,
    GoalOutcome,
    closing_window,
    opening_window,
    season_bounds,
    summarize,
)

SLA = timedelta(hours=72)


def _at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 8, tzinfo=UTC)


def _athlete(athlete_id: int, **values: object) -> AthleteSeason:
    base: dict[str, object] = {
        "days_on_caseload": 100,
        "active_at_start": True,
        "active_at_end": True,
        "planned": 10,
        "planned_done": 8,
        "check_in_days": 50,
        "personal_bests": 1,
    }
    return AthleteSeason(athlete_id=athlete_id, **(base | values))  # type: ignore[arg-type]


def test_three_athletes_one_who_left_one_who_joined_late() -> None:
    athletes = [
        _athlete(
            1,
            goals=(
                GoalOutcome(date(2026, 4, 1), completed=True, reached=True),
                GoalOutcome(date(2026, 10, 1), completed=False, reached=False),
            ),
            injuries=(Episode(_at(3, 1), _at(3, 29)), Episode(_at(9, 1), None)),
            interventions=(Episode(_at(5, 1), _at(5, 2)), Episode(_at(6, 1), _at(6, 10))),
        ),
        _athlete(2, active_at_end=False, planned=10, planned_done=2, personal_bests=0),
        _athlete(3, active_at_start=False, days_on_caseload=50, check_in_days=50),
    ]
    p = summarize(2026, athletes, sla=SLA)
    assert (p.athletes, p.active, p.active_at_start, p.retained) == (3, 2, 2, 1)
    assert p.retention == 0.5
    assert (p.goal_races, p.goals_reached) == (1, 1)  # the goal not yet run is not counted
    assert p.personal_bests == 2
    assert p.adherence == pytest.approx(18 / 30)
    assert p.check_in_rate == pytest.approx(150 / 250)
    assert (p.interventions_opened, p.interventions_resolved, p.resolved_within_sla) == (2, 2, 1)
    assert p.sla_rate == 0.5
    assert (p.injuries, p.return_to_run_days) == (2, 28)


def test_nothing_to_count_is_no_rate_not_a_zero() -> None:
    p = summarize(2026, [], sla=SLA)
    assert (p.retention, p.adherence, p.check_in_rate, p.sla_rate) == (None, None, None, None)
    assert p.return_to_run_days is None


def test_the_windows_of_a_season() -> None:
    assert season_bounds(2026, date(2026, 11, 24)) == (date(2026, 1, 1), date(2026, 11, 24))
    assert season_bounds(2025, date(2026, 11, 24)) == (date(2025, 1, 1), date(2025, 12, 31))
    assert opening_window(2026) == (date(2026, 1, 1), date(2026, 2, 25))
    assert closing_window(date(2026, 11, 24)) == (date(2026, 10, 28), date(2026, 11, 24))
