"""Race goals as a table: an A race by default, planned, a sensible distance and no negative
target time."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from runseason.db.models import RaceGoal
from tests.db.models.checks import accepted, refused
from tests.factories import World


def test_a_goal_is_a_planned_a_race_within_range(db: Session, world: World) -> None:
    goal = RaceGoal(
        organization_id=world.north.id,
        athlete_id=world.greta.id,
        name="Spring 10k",
        distance_m=10_000,
        race_date=date(2027, 4, 4),
    )
    accepted(db, goal)
    assert (goal.priority, goal.status) == ("A", "planned")
    refused(db, goal, "priority_valid", priority="D")
    refused(db, goal, "status_valid", status="dreamt")
    refused(db, goal, "distance_m_range", distance_m=50)
    refused(db, goal, "target_time_s_non_negative", target_time_s=-1)
