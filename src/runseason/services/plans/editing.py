"""A coach's changes to a stored plan: move, resize, add, replace, swap, scale a week.

Every change is a new version of the plan (``revisions``) and refreshes the athlete's derived
metrics over the days it touched. Titles of easy, recovery and long runs follow their planned
duration or distance, so a resized run says what is now planned.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, PlannedSession, PlanWeek, SessionTemplate, TrainingPlan
from runseason.domain.dates import local_date
from runseason.domain.plan_text import session_title
from runseason.domain.units import Unit
from runseason.errors import InvalidInput, NotFound
from runseason.schemas.plans import (
    PlanRead,
    SessionAdd,
    SessionEdit,
    SessionReplace,
    SessionSwap,
    WeekScale,
)
from runseason.services.identity.access import Actor, use_case
from runseason.services.plans import compliance, library, revisions
from runseason.services.plans.stored import (
    RETITLED_CATEGORIES,
    ROLE_OF_CATEGORY,
    check_day,
    check_version,
    plan_sessions,
    read_plan,
    staff_plan,
    staff_session,
    unit_of,
)
from runseason.services.refresh import snapshots


def _template_fields(template: SessionTemplate, duration_s: float, unit: Unit) -> dict[str, Any]:
    """What a planned session takes from a template, scaled to ``duration_s``."""
    scale = duration_s / template.estimated_duration_s if template.estimated_duration_s else 1.0
    return {
        "title": session_title(
            template.category, template.name, duration_s=duration_s, distance_m=None, unit=unit
        ),
        "category": template.category,
        "role": ROLE_OF_CATEGORY.get(template.category, "quality" if template.is_hard else "easy"),
        "is_hard": template.is_hard,
        "planned_duration_s": duration_s,
        "planned_load": round(template.estimated_load * scale, 1),
        "targets": {"rpe": template.rpe_target},
    }


def _week_of(session: Session, plan: TrainingPlan, day: date) -> PlanWeek | None:
    return session.scalar(
        select(PlanWeek)
        .where(PlanWeek.plan_id == plan.id, PlanWeek.start_date <= day)
        .order_by(PlanWeek.start_date.desc())
        .limit(1)
    )


def _retitled(row: PlannedSession, changes: dict[str, Any], unit: Unit) -> dict[str, Any]:
    """The changes plus a new title when a run's planned duration or distance changes."""
    resized = {"planned_duration_s", "planned_distance_m"} & set(changes)
    if "title" in changes or not resized or row.category not in RETITLED_CATEGORIES:
        return changes
    distance_m = changes.get("planned_distance_m", row.planned_distance_m)
    if "planned_duration_s" in changes and "planned_distance_m" not in changes:
        distance_m = None  # a new duration makes the old distance stale: the title says minutes
    title = session_title(
        row.category,
        row.title,
        duration_s=changes.get("planned_duration_s", row.planned_duration_s),
        distance_m=distance_m,
        unit=unit,
    )
    return {**changes, "title": title}


@use_case("planned_session", writes=True)
def edit_session(
    session: Session, actor: Actor, session_id: int, data: SessionEdit, *, now: datetime
) -> PlanRead:
    """Move, resize, rename or cancel one planned session; the plan gets a new version."""
    row, plan = staff_session(session, actor, session_id)
    check_version(session, plan, data.plan_version)
    changes = data.model_dump(exclude_unset=True, exclude={"reason", "plan_version"})
    if not changes:
        raise InvalidInput("Nothing to change.")
    if (
        "scheduled_date" in changes
        and not plan.start_date - timedelta(days=7) <= changes["scheduled_date"] <= plan.end_date
    ):
        raise InvalidInput(
            f"The session must stay within the plan ({plan.start_date} to {plan.end_date})."
        )
    athlete = session.get(Athlete, plan.athlete_id)
    assert athlete is not None
    old_day = row.scheduled_date
    revisions.apply_changes(
        session,
        plan,
        [row],
        {row.id: _retitled(row, changes, unit_of(athlete))},
        kind="edit",
        reason=data.reason,
        actor_id=actor.user_id,
        now=now,
    )
    session.flush()
    compliance.settle_after_change(session, athlete, [row.id], now=now)
    first, last = sorted((old_day, row.scheduled_date))
    snapshots.refresh_after_change(session, row.athlete_id, first, now=now, to_day=last)
    return read_plan(session, plan)


@use_case("plan", writes=True)
def add_session(
    session: Session, actor: Actor, plan_id: int, data: SessionAdd, *, now: datetime
) -> PlanRead:
    """Add a session from the library on a day of the plan."""
    plan, athlete = staff_plan(session, actor, plan_id)
    check_version(session, plan, data.plan_version)
    check_day(plan, data.scheduled_date)
    template = library.template_row(session, actor, data.template_id)
    duration_s = data.planned_duration_s or template.estimated_duration_s
    fields = _template_fields(template, duration_s, unit_of(athlete))
    week = _week_of(session, plan, data.scheduled_date)
    row = PlannedSession(
        organization_id=plan.organization_id,
        plan_id=plan.id,
        plan_week_id=week.id if week else None,
        athlete_id=plan.athlete_id,
        template_id=template.id,
        template_code=template.code,
        scheduled_date=data.scheduled_date,
        order_in_day=1,
        coach_note=data.coach_note,
        origin="coach",
        **fields,
    )
    session.add(row)
    session.flush()
    change = {"session_id": row.id, "before": None, "after": revisions.session_view(row)}
    revisions.record_revision(
        session,
        plan,
        kind="add",
        reason=data.reason,
        actor_id=actor.user_id,
        now=now,
        snapshot={"changes": [change]},
    )
    day = data.scheduled_date
    snapshots.refresh_after_change(session, athlete.id, day, now=now, to_day=day)
    return read_plan(session, plan)


@use_case("planned_session", writes=True)
def replace_session(
    session: Session, actor: Actor, session_id: int, data: SessionReplace, *, now: datetime
) -> PlanRead:
    """Put another template in a session's place, keeping its day and duration."""
    row, plan = staff_session(session, actor, session_id)
    check_version(session, plan, data.plan_version)
    athlete = session.get(Athlete, plan.athlete_id)
    assert athlete is not None
    template = library.template_row(session, actor, data.template_id)
    fields = _template_fields(template, row.planned_duration_s, unit_of(athlete))
    revisions.apply_changes(
        session,
        plan,
        [row],
        {row.id: fields},
        kind="replace",
        reason=data.reason,
        actor_id=actor.user_id,
        now=now,
    )
    row.template_id, row.template_code = template.id, template.code
    session.flush()
    day = row.scheduled_date
    snapshots.refresh_after_change(session, row.athlete_id, day, now=now, to_day=day)
    return read_plan(session, plan)


@use_case("plan", writes=True)
def swap_sessions(
    session: Session, actor: Actor, plan_id: int, data: SessionSwap, *, now: datetime
) -> PlanRead:
    """Exchange the days of two sessions of one plan."""
    plan, athlete = staff_plan(session, actor, plan_id)
    check_version(session, plan, data.plan_version)
    first = session.get(PlannedSession, data.first_id)
    second = session.get(PlannedSession, data.second_id)
    if first is None or second is None or first.plan_id != plan.id or second.plan_id != plan.id:
        raise NotFound("planned session not found in this plan")
    if first.id == second.id:
        raise InvalidInput("Choose two different sessions to swap.")
    day_one, day_two = first.scheduled_date, second.scheduled_date
    revisions.apply_changes(
        session,
        plan,
        [first, second],
        {first.id: {"scheduled_date": day_two}, second.id: {"scheduled_date": day_one}},
        kind="swap",
        reason=data.reason,
        actor_id=actor.user_id,
        now=now,
    )
    session.flush()
    earlier, later = sorted((day_one, day_two))
    snapshots.refresh_after_change(session, athlete.id, earlier, now=now, to_day=later)
    return read_plan(session, plan)


def _scaled(row: PlannedSession, factor: float, unit: Unit) -> dict[str, Any]:
    """A session's duration, distance, load (and a run's title) scaled by ``factor``."""
    changes = {
        "planned_duration_s": round(row.planned_duration_s * factor),
        "planned_distance_m": None
        if row.planned_distance_m is None
        else round(row.planned_distance_m * factor),
        "planned_load": round(row.planned_load * factor, 1),
    }
    return _retitled(row, changes, unit)


@use_case("plan_week", writes=True)
def scale_week(
    session: Session, actor: Actor, week_id: int, data: WeekScale, *, now: datetime
) -> PlanRead:
    """Scale the volume of a week's sessions still to come (and its target)."""
    week = session.get(PlanWeek, week_id)
    if week is None or week.organization_id != actor.organization_id:
        raise NotFound("plan week not found")
    plan, athlete = staff_plan(session, actor, week.plan_id)
    check_version(session, plan, data.plan_version)
    today = local_date(now, athlete.timezone)
    rows = [
        r
        for r in plan_sessions(session, plan.id)
        if r.plan_week_id == week.id and r.status == "planned" and r.scheduled_date >= today
    ]
    if not rows:
        raise InvalidInput("This week has no sessions still to come.")
    unit = unit_of(athlete)
    revisions.apply_changes(
        session,
        plan,
        rows,
        {r.id: _scaled(r, data.factor, unit) for r in rows},
        kind="scale_week",
        reason=data.reason,
        actor_id=actor.user_id,
        now=now,
    )
    week.target_distance_m = round(week.target_distance_m * data.factor)
    session.flush()
    first_day = min(r.scheduled_date for r in rows)
    snapshots.refresh_after_change(session, athlete.id, first_day, now=now)
    return read_plan(session, plan)
