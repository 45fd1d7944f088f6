"""Plans at the boundary: what the coach asks the plan builder for, and the edits."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from runseason.schemas.plans import GoalCreate, PlanCreate, SessionSwap, WeekScale


def test_a_plan_needs_a_goal_or_a_race() -> None:
    assert PlanCreate(goal_id=3).goal_id == 3
    assert PlanCreate.model_validate({"race_distance_m": 10000, "race_date": "2027-05-01"})
    with pytest.raises(ValidationError, match="goal, or a race distance and date"):
        PlanCreate(race_distance_m=10000)


def test_weekdays_run_from_monday_to_sunday() -> None:
    with pytest.raises(ValidationError, match="weekdays are 0"):
        PlanCreate(goal_id=1, available_weekdays=[0, 2, 9])
    with pytest.raises(ValidationError):
        PlanCreate(goal_id=1, available_weekdays=[0, 2])


def test_goals_and_edits_keep_to_their_ranges() -> None:
    with pytest.raises(ValidationError):
        GoalCreate.model_validate({"name": "Mile", "distance_m": 100, "race_date": "2027-01-01"})
    with pytest.raises(ValidationError):
        WeekScale(factor=2.0)
    assert SessionSwap(first_id=1, second_id=2).reason == "swapped by the coach"
