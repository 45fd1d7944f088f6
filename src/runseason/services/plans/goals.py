"""Race goals."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import RaceGoal
from runseason.domain.dates import local_date
from runseason.errors import InvalidInput
from runseason.schemas.plans import GoalCreate, GoalRead
from runseason.services.identity.access import Actor, get_athlete, use_case


@use_case("athlete", writes=True)
def create_goal(
    session: Session, actor: Actor, athlete_id: int, data: GoalCreate, *, now: datetime
) -> GoalRead:
    """Add a race goal (in the future of the athlete's own calendar)."""
    athlete = get_athlete(session, actor, athlete_id, write=True)
    if data.race_date <= local_date(now, athlete.timezone):
        raise InvalidInput("The race date must be in the future.")
    if data.target_time_s is not None:
        pace = data.target_time_s / (data.distance_m / 1000)
        if not 120 <= pace <= 900:
            raise InvalidInput("That target time means a pace outside 2:00–15:00 per km.")
    row = RaceGoal(
        organization_id=athlete.organization_id, athlete_id=athlete.id, **data.model_dump()
    )
    session.add(row)
    session.flush()
    return GoalRead.model_validate(row)


@use_case("athlete")
def list_goals(session: Session, actor: Actor, athlete_id: int) -> list[GoalRead]:
    """An athlete's race goals by date."""
    get_athlete(session, actor, athlete_id)
    rows = session.scalars(
        select(RaceGoal).where(RaceGoal.athlete_id == athlete_id).order_by(RaceGoal.race_date)
    )
    return [GoalRead.model_validate(r) for r in rows]
