"""The stored plan, as generation and editing both read it: its sessions, its read model, the
staff check on a plan or session, and the titles of planned sessions in the athlete's unit."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, PlannedSession, PlanWeek, TrainingPlan
from runseason.domain.plan_text import session_title
from runseason.domain.units import Unit
from runseason.errors import Conflict, InvalidInput
from runseason.schemas.plans import PlannedSessionRead, PlanRead, PlanWeekRead
from runseason.services.identity.access import Actor, get_owned, require_role

ROLE_OF_CATEGORY = {
    "race": "race",
    "long": "long",
    "recovery": "recovery",
    "easy": "easy",
    "strides_speed": "strides",
}
# Sessions whose planned value changes with an edit, so their title is worked out again.
RETITLED_CATEGORIES = frozenset({"easy", "recovery", "long", "race"})


def unit_of(athlete: Athlete) -> Unit:
    """The athlete's distance unit."""
    return "mi" if athlete.unit_preference == "mi" else "km"


def title_of(row: PlannedSession, unit: Unit) -> str:
    """A planned session's title from its planned values (its own for quality work)."""
    return session_title(
        row.category,
        row.title,
        duration_s=row.planned_duration_s,
        distance_m=row.planned_distance_m,
        unit=unit,
    )


def plan_sessions(session: Session, plan_id: int) -> list[PlannedSession]:
    """A plan's sessions in date order."""
    return list(
        session.scalars(
            select(PlannedSession)
            .where(PlannedSession.plan_id == plan_id)
            .order_by(PlannedSession.scheduled_date, PlannedSession.order_in_day)
        )
    )


def read_plan(session: Session, plan: TrainingPlan) -> PlanRead:
    """A plan with its weeks, sessions, warnings and unavailable dates (three queries)."""
    weeks = session.scalars(
        select(PlanWeek).where(PlanWeek.plan_id == plan.id).order_by(PlanWeek.week_index)
    )
    away: list[Any] = (plan.parameters or {}).get("unavailable_dates") or []
    return PlanRead.model_validate(plan).model_copy(
        update={
            "unavailable_dates": sorted(date.fromisoformat(str(d)) for d in away),
            "week_list": [PlanWeekRead.model_validate(w) for w in weeks],
            "sessions": [
                PlannedSessionRead.model_validate(s) for s in plan_sessions(session, plan.id)
            ],
        }
    )


def staff_session(
    session: Session, actor: Actor, session_id: int
) -> tuple[PlannedSession, TrainingPlan]:
    """A planned session and its plan, for a coach or admin who may change them."""
    row = get_owned(session, actor, PlannedSession, session_id, write=True)
    require_role(actor, "admin", "coach")
    plan = session.get(TrainingPlan, row.plan_id)
    assert plan is not None
    return row, plan


def staff_plan(session: Session, actor: Actor, plan_id: int) -> tuple[TrainingPlan, Athlete]:
    """A plan and its athlete, for a coach or admin who may change them."""
    plan = get_owned(session, actor, TrainingPlan, plan_id, write=True)
    require_role(actor, "admin", "coach")
    athlete = session.get(Athlete, plan.athlete_id)
    assert athlete is not None
    return plan, athlete


def check_day(plan: TrainingPlan, day: date) -> None:
    """Refuse a day outside the plan."""
    if not plan.start_date <= day <= plan.end_date:
        raise InvalidInput(
            f"The session must fall within the plan ({plan.start_date} to {plan.end_date})."
        )


def check_version(session: Session, plan: TrainingPlan, expected: int | None) -> None:
    """Refuse a change made on an older version of the plan (optimistic concurrency).

    The staff check has already locked the athlete's data, so the version read here is the last
    committed one and stays so until this change commits.
    """
    if expected is None:
        return
    session.refresh(plan, attribute_names=["version"])
    if plan.version != expected:
        raise Conflict(
            f"The plan changed after you opened it: it is at version {plan.version}, your change "
            f"was made on version {expected}. Reload the plan and make your change again."
        )
