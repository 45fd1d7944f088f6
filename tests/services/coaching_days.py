"""The named characters' coaching days: Riley's red patch, Greta's green streak, a plan."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import event
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession, TrainingPlan
from runseason.domain.dates import local_date
from runseason.schemas.checkins import CheckInCreate
from runseason.services import checkins
from tests.factories import NOW, World, actor

GOOD = {"sleep_quality": 4, "energy": 4, "recovery": 4, "stress": 4}
BAD = {"sleep_quality": 2, "energy": 2, "recovery": 1, "stress": 2}
RED_PAIN = {**BAD, "pain_severity": 5, "pain_location": "left knee"}


def check_in(db: Session, world: World, athlete, days_ago: int, **values: object):
    me = actor(db, world.user_of(athlete, db))
    day = local_date(NOW, athlete.timezone) - timedelta(days=days_ago)
    data = CheckInCreate.model_validate({**GOOD, **values, "local_date": day})
    return checkins.submit_checkin(db, me, athlete.id, data, now=NOW)


def check_in_at(db: Session, world: World, athlete, now: datetime, **values: object):
    """The athlete's check-in of the day ``now`` falls on, sent at ``now`` (an injected clock)."""
    me = actor(db, world.user_of(athlete, db))
    data = CheckInCreate.model_validate({**values, "local_date": local_date(now, athlete.timezone)})
    return checkins.submit_checkin(db, me, athlete.id, data, now=now)


def riley_red_patch(db: Session, world: World) -> None:
    for days_ago in (2, 1, 0):
        check_in(
            db, world, world.riley, days_ago, **BAD, pain_severity=5, pain_location="left knee"
        )


def greta_green_streak(db: Session, world: World) -> None:
    for days_ago in range(5, -1, -1):
        check_in(db, world, world.greta, days_ago)


def plan_today(db: Session, world: World, athlete) -> PlannedSession:
    today = local_date(NOW, athlete.timezone)
    plan = TrainingPlan(
        organization_id=world.north.id,
        athlete_id=athlete.id,
        name="Plan",
        start_date=today,
        end_date=today + timedelta(days=60),
        weeks=8,
    )
    db.add(plan)
    db.flush()
    rows = []
    for offset in range(3):
        row = PlannedSession(
            organization_id=world.north.id,
            plan_id=plan.id,
            athlete_id=athlete.id,
            scheduled_date=today + timedelta(days=offset),
            title="Intervals",
            category="intervals",
            role="quality",
            is_hard=True,
            planned_duration_s=3600,
            planned_distance_m=12000,
            planned_load=90,
        )
        db.add(row)
        rows.append(row)
    db.flush()
    return rows[0]


def count_queries(db: Session, call) -> int:
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(statements)
