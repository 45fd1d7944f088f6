"""Race goals: added, validated, changed and deleted, with their plan's link kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from runseason.errors import Conflict, InvalidInput, NotFound
from runseason.schemas.plans import GoalCreate, GoalUpdate, PlanCreate
from runseason.services.plans import generation, goals
from tests.factories import NOW, World, actor

RACE = NOW.date() + timedelta(weeks=16)


def test_goals_are_validated(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    with pytest.raises(InvalidInput, match="future"):
        goals.create_goal(
            db,
            me,
            world.greta.id,
            GoalCreate(name="Past", distance_m=10000, race_date=NOW.date()),
            now=NOW,
        )
    with pytest.raises(InvalidInput, match="pace"):
        goals.create_goal(
            db,
            me,
            world.greta.id,
            GoalCreate(name="Fast", distance_m=42195, race_date=RACE, target_time_s=3600),
            now=NOW,
        )
    goal = goals.create_goal(
        db,
        me,
        world.greta.id,
        GoalCreate(name="Oslo 10k", distance_m=10000, race_date=RACE),
        now=NOW,
    )
    assert [g.name for g in goals.list_goals(db, me, world.greta.id).items] == [goal.name]


def _goal(db: Session, world: World, **fields: object) -> int:
    data = GoalCreate(**{"name": "Oslo 10k", "distance_m": 10000, "race_date": RACE, **fields})
    return goals.create_goal(db, actor(db, world.cole), world.greta.id, data, now=NOW).id


def test_a_goal_changes_its_name_date_target_and_priority(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    goal_id = _goal(db, world)
    later = RACE + timedelta(weeks=1)
    data = GoalUpdate(name="Oslo 10 km", race_date=later, target_time_s=2700, priority="B")
    changed = goals.update_goal(db, coach, goal_id, data, now=NOW)
    assert (changed.name, changed.race_date, changed.target_time_s, changed.priority) == (
        "Oslo 10 km",
        later,
        2700,
        "B",
    )
    cleared = goals.update_goal(db, coach, goal_id, GoalUpdate(target_time_s=None), now=NOW)
    assert cleared.target_time_s is None
    assert [g.name for g in goals.list_goals(db, coach, world.greta.id).items] == ["Oslo 10 km"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"race_date": NOW.date()}, "race_date", "future"),
        ({"target_time_s": 600}, "target_time_s", "pace"),
        ({"distance_m": 42195}, "target_time_s", "pace"),  # 40:00 is no marathon
        ({"name": None}, "name", "name cannot be emptied"),
        ({}, None, "Nothing to change"),
    ],
)
def test_a_refused_goal_change_names_the_field_and_writes_nothing(
    db: Session, world: World, fields: dict[str, object], field: str | None, message: str
) -> None:
    goal_id = _goal(db, world, target_time_s=2400)
    with pytest.raises(InvalidInput, match=message) as refused:
        goals.update_goal(db, actor(db, world.cole), goal_id, GoalUpdate(**fields), now=NOW)
    if field is not None:
        assert refused.value.detail[0]["field"] == field
    stored = goals.list_goals(db, actor(db, world.cole), world.greta.id).items[0]
    assert (stored.race_date, stored.distance_m, stored.target_time_s, stored.name) == (
        RACE,
        10000,
        2400,
        "Oslo 10k",
    )


def test_the_athlete_changes_their_own_goal(db: Session, world: World) -> None:
    goal_id = _goal(db, world)
    me = actor(db, world.user_of(world.greta, db))
    assert goals.update_goal(db, me, goal_id, GoalUpdate(name="My 10k"), now=NOW).name == "My 10k"


def test_a_goal_is_deleted_unless_the_active_plan_is_built_for_it(
    db: Session, world: World
) -> None:
    coach = actor(db, world.cole)
    goal_id = _goal(db, world)
    plan = generation.generate_plan(db, coach, world.greta.id, PlanCreate(goal_id=goal_id), now=NOW)
    with pytest.raises(Conflict, match="active plan"):
        goals.delete_goal(db, coach, goal_id)
    assert [g.id for g in goals.list_goals(db, coach, world.greta.id).items] == [goal_id]
    assert generation.get_plan(db, coach, plan.id).goal_id == goal_id
    other = PlanCreate(race_distance_m=5000, race_date=RACE, replace_active=True)
    generation.generate_plan(db, coach, world.greta.id, other, now=NOW)  # archives the first
    goals.delete_goal(db, coach, goal_id)
    assert goals.list_goals(db, coach, world.greta.id).items == []
    assert generation.get_plan(db, coach, plan.id).goal_id is None
    spare = _goal(db, world, name="Spare 5k", distance_m=5000)
    goals.delete_goal(db, coach, spare)
    with pytest.raises(NotFound):
        goals.delete_goal(db, coach, spare)
