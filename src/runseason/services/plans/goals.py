"""Race goals: added, listed, changed and deleted; a plan built for a goal keeps its link.

A goal's plan keeps the race it was built for (its date and distance are stored with the plan),
so changing a goal never silently moves a plan: the coach rebuilds it when the race moves. A goal
the athlete's active plan is built for cannot be deleted while that plan runs.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, RaceGoal, TrainingPlan
from runseason.domain.dates import local_date
from runseason.errors import Conflict, InvalidInput
from runseason.schemas.common import Page
from runseason.schemas.plans import GoalCreate, GoalRead, GoalUpdate
from runseason.services.identity.access import Actor, get_athlete, get_owned, use_case
from runseason.services.paging import EVERYTHING, ListWindow, read_page

# A target time must mean a pace between 2:00 and 15:00 per km.
FASTEST_PACE_S_PER_KM = 120
SLOWEST_PACE_S_PER_KM = 900
REQUIRED_FIELDS = {
    "name": "name",
    "distance_m": "distance",
    "race_date": "race date",
    "priority": "priority",
    "status": "status",
}


def _refuse(field: str, text: str) -> InvalidInput:
    return InvalidInput(text, detail=[{"field": field, "message": text}])


def _check(
    athlete: Athlete, race_date: date, distance_m: float, target_time_s: float | None, now: datetime
) -> None:
    """A race in the athlete's future with a possible target time."""
    if race_date <= local_date(now, athlete.timezone):
        raise _refuse("race_date", "The race date must be in the future.")
    if target_time_s is not None:
        pace = target_time_s / (distance_m / 1000)
        if not FASTEST_PACE_S_PER_KM <= pace <= SLOWEST_PACE_S_PER_KM:
            text = "That target time means a pace outside 2:00–15:00 per km."
            raise _refuse("target_time_s", text)


@use_case("athlete", writes=True)
def create_goal(
    session: Session, actor: Actor, athlete_id: int, data: GoalCreate, *, now: datetime
) -> GoalRead:
    """Add a race goal (in the future of the athlete's own calendar)."""
    athlete = get_athlete(session, actor, athlete_id, write=True)
    _check(athlete, data.race_date, data.distance_m, data.target_time_s, now)
    row = RaceGoal(
        organization_id=athlete.organization_id, athlete_id=athlete.id, **data.model_dump()
    )
    session.add(row)
    session.flush()
    return GoalRead.model_validate(row)


@use_case("athlete")
def list_goals(
    session: Session, actor: Actor, athlete_id: int, window: ListWindow = EVERYTHING
) -> Page[GoalRead]:
    """An athlete's race goals by race date (a date range: races within it)."""
    get_athlete(session, actor, athlete_id)
    query = (
        select(RaceGoal)
        .where(RaceGoal.athlete_id == athlete_id)
        .order_by(RaceGoal.race_date, RaceGoal.id)
    )
    return read_page(session, query, GoalRead.model_validate, window, dated_by=RaceGoal.race_date)


def _owned_goal(session: Session, actor: Actor, goal_id: int) -> tuple[RaceGoal, Athlete]:
    """A goal the actor may change, with its athlete (``NotFound`` otherwise)."""
    goal = get_owned(session, actor, RaceGoal, goal_id, write=True)
    athlete = session.get(Athlete, goal.athlete_id)
    assert athlete is not None
    return goal, athlete


@use_case("race_goal", writes=True)
def update_goal(
    session: Session, actor: Actor, goal_id: int, data: GoalUpdate, *, now: datetime
) -> GoalRead:
    """Change a goal's name, distance, date, target, priority or status; its plans stay linked."""
    goal, athlete = _owned_goal(session, actor, goal_id)
    changes = data.model_dump(exclude_unset=True)
    if not changes:
        raise InvalidInput("Nothing to change.")
    for field, label in REQUIRED_FIELDS.items():
        if field in changes and changes[field] is None:
            raise _refuse(field, f"The goal's {label} cannot be emptied.")
    if {"race_date", "distance_m", "target_time_s"} & set(changes):
        _check(
            athlete,
            changes.get("race_date", goal.race_date),
            changes.get("distance_m", goal.distance_m),
            changes.get("target_time_s", goal.target_time_s),
            now,
        )
    for name, value in changes.items():
        setattr(goal, name, value)
    session.flush()
    return GoalRead.model_validate(goal)


@use_case("race_goal", writes=True)
def delete_goal(session: Session, actor: Actor, goal_id: int) -> None:
    """Delete a goal, unless the athlete's active plan is built for it."""
    goal, _athlete = _owned_goal(session, actor, goal_id)
    active = session.scalar(
        select(TrainingPlan.name).where(
            TrainingPlan.goal_id == goal.id, TrainingPlan.status == "active"
        )
    )
    if active is not None:
        raise Conflict(
            f"The active plan “{active}” is built for this race; build a new plan or change the "
            "race instead of deleting it."
        )
    session.delete(goal)
    session.flush()
