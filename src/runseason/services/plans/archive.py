"""An athlete's plans over time: a new plan archives the active one, which stays readable and
can be made active again (the plan it replaced is then archived in its turn)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import TrainingPlan
from runseason.domain.dates import local_date
from runseason.errors import Conflict
from runseason.schemas.plans import PlanRead, PlanSummaryRead
from runseason.services.identity.access import Actor, get_athlete, use_case
from runseason.services.plans import compliance, revisions
from runseason.services.plans.stored import read_plan, staff_plan
from runseason.services.refresh import snapshots


@use_case("athlete")
def list_plans(session: Session, actor: Actor, athlete_id: int) -> list[PlanSummaryRead]:
    """The athlete's plans, newest first: the active one and those it replaced."""
    get_athlete(session, actor, athlete_id)
    rows = session.scalars(
        select(TrainingPlan)
        .where(TrainingPlan.athlete_id == athlete_id)
        .order_by(TrainingPlan.created_at.desc(), TrainingPlan.id.desc())
    )
    return [PlanSummaryRead.model_validate(r) for r in rows]


@use_case("plan", writes=True)
def restore_plan(session: Session, actor: Actor, plan_id: int, *, now: datetime) -> PlanRead:
    """Make an archived plan active again; the active plan is archived (staff only)."""
    plan, athlete = staff_plan(session, actor, plan_id)
    if plan.status != "archived":
        raise Conflict(f"Only an archived plan can be restored; this one is {plan.status}.")
    for active in session.scalars(
        select(TrainingPlan).where(
            TrainingPlan.athlete_id == athlete.id, TrainingPlan.status == "active"
        )
    ):
        active.status = "archived"
    plan.status = "active"
    revisions.record_revision(
        session,
        plan,
        kind="restore",
        reason="made active again by the coach",
        actor_id=actor.user_id,
        now=now,
        snapshot={},
    )
    today = local_date(now, athlete.timezone)
    compliance.settle_past(session, athlete.id, today=today)
    snapshots.refresh_after_change(session, athlete.id, today, now=now)
    return read_plan(session, plan)
