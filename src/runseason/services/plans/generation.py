"""Training plans built by the periodization engine: generated, regenerated from a day, read.

A plan is built from the coach's request and the athlete's profile: the A race (a goal or a
distance and date), the athlete's B and C goals inside the plan (each with a mini-taper and a
recovery day), the days the athlete cannot train, and the organization's planning settings. The
builder's warnings are stored with the plan in the athlete's unit, and session titles say what is
planned. Editing a stored plan lives in ``editing``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import (
    Athlete,
    PlannedSession,
    PlanRevision,
    PlanWeek,
    RaceGoal,
    SessionTemplate,
    TrainingPlan,
)
from runseason.domain.dates import local_date
from runseason.domain.load import SRPE_PER_STRESS_POINT
from runseason.domain.paces import training_paces
from runseason.domain.periodization import PlanRequest, SecondaryRace, build_plan
from runseason.domain.plan_model import PlanDraft, SessionDraft
from runseason.domain.plan_text import describe_warnings, session_title
from runseason.domain.plan_validation import monday_of
from runseason.domain.projection import daily_loads, project
from runseason.domain.units import Unit
from runseason.errors import Conflict, InvalidInput, NotFound
from runseason.schemas.plans import (
    PlanCreate,
    PlanRead,
    PlanRegenerate,
    PlanRevisionRead,
    ProjectionDay,
)
from runseason.services.coaching_settings import effective_settings
from runseason.services.identity.access import Actor, get_athlete, get_owned, require_role, use_case
from runseason.services.plans import library, revisions
from runseason.services.plans.stored import (
    ROLE_OF_CATEGORY,
    check_day,
    check_version,
    plan_sessions,
    read_plan,
    staff_plan,
    unit_of,
)
from runseason.services.refresh import history, snapshots

DEFAULT_EASY_PACE = {"beginner": 420.0, "intermediate": 360.0, "advanced": 315.0}
ROLES = ("easy", "long", "quality", "recovery", "race", "strides")


def _level(athlete: Athlete) -> str:
    return "advanced" if athlete.level == "elite" else athlete.level


def _easy_pace(athlete: Athlete) -> float:
    """The middle of the athlete's easy range from VDOT, or the level's default."""
    if not athlete.vdot:
        return DEFAULT_EASY_PACE[_level(athlete)]
    paces = training_paces(athlete.vdot)
    return (paces.easy_slow_s_per_km + paces.easy_fast_s_per_km) / 2


def _resolved(session: Session, athlete: Athlete, data: PlanCreate) -> tuple[PlanCreate, str]:
    """The request with its A race filled in from the goal, and the plan's name."""
    if data.goal_id is None:
        name = data.name or f"{(data.race_distance_m or 0) / 1000:g} km on {data.race_date}"
        return data, name
    goal = session.get(RaceGoal, data.goal_id)
    if goal is None or goal.athlete_id != athlete.id:
        raise NotFound("goal not found")
    resolved = data.model_copy(
        update={
            "race_distance_m": data.race_distance_m or goal.distance_m,
            "race_date": data.race_date or goal.race_date,
            "goal_time_s": data.goal_time_s or goal.target_time_s,
        }
    )
    return resolved, data.name or goal.name


def _secondary_races(
    session: Session, athlete: Athlete, data: PlanCreate, first_day: date
) -> tuple[SecondaryRace, ...]:
    """The athlete's planned B and C goals between the plan's first day and the A race week."""
    assert data.race_date is not None
    if data.weeks is not None and data.start_date is None:
        first_day = max(first_day, monday_of(data.race_date) - timedelta(weeks=data.weeks - 1))
    rows = session.scalars(
        select(RaceGoal)
        .where(
            RaceGoal.athlete_id == athlete.id,
            RaceGoal.priority.in_(("B", "C")),
            RaceGoal.status == "planned",
            RaceGoal.race_date >= max(first_day, data.start_date or first_day),
            RaceGoal.race_date < monday_of(data.race_date),
        )
        .order_by(RaceGoal.race_date)
    )
    return tuple(SecondaryRace(g.race_date, g.distance_m, g.priority) for g in rows)


def _request(session: Session, athlete: Athlete, data: PlanCreate, today: date) -> PlanRequest:
    """The engine's request from a resolved ``PlanCreate`` and the athlete's profile."""
    assert data.race_distance_m is not None
    planning = effective_settings(session, athlete.organization_id).planning
    long_day = data.long_run_weekday
    return PlanRequest(
        race_distance_m=data.race_distance_m,
        race_date=data.race_date,
        start_date=data.start_date or (today if data.weeks is None else None),
        weeks=data.weeks,
        current_weekly_distance_m=data.current_weekly_distance_m
        or athlete.current_weekly_distance_m
        or 30_000.0,
        level=_level(athlete),
        available_weekdays=frozenset(data.available_weekdays or athlete.available_weekdays),
        unavailable_dates=frozenset(data.unavailable_dates),
        long_run_weekday=long_day if long_day is not None else athlete.preferred_long_run_day,
        easy_pace_s_per_km=_easy_pace(athlete),
        goal_time_s=data.goal_time_s,
        cutback_every=planning.cutback_every,
        cutback_reduction=planning.cutback_reduction,
        max_weekly_increase=planning.max_weekly_increase,
        max_long_run_increase_m=planning.max_long_run_increase_m,
        peak_weekly_distance_m=data.peak_weekly_distance_m,
        secondary_races=_secondary_races(session, athlete, data, today),
    )


def _build(session: Session, athlete: Athlete, data: PlanCreate, today: date) -> PlanDraft:
    """The engine's draft for a resolved request (``InvalidInput`` before anything is written)."""
    catalogue = library.catalogue_for(session, athlete.organization_id)
    return build_plan(_request(session, athlete, data, today), catalogue, today=today)


def _targets(draft: SessionDraft) -> dict[str, Any]:
    targets: dict[str, Any] = {"rpe": draft.target_rpe}
    if draft.target_pace_s_per_km:
        targets["pace_s_per_km"] = round(draft.target_pace_s_per_km, 1)
    return targets


def _template_names(session: Session, organization_id: int) -> dict[str, str]:
    return dict(
        session.execute(
            select(SessionTemplate.code, SessionTemplate.name).where(
                SessionTemplate.organization_id.is_(None)
                | (SessionTemplate.organization_id == organization_id)
            )
        ).all()
    )


def _planned_row(
    plan: TrainingPlan,
    week_id: int | None,
    s: SessionDraft,
    order: int,
    names: dict[str, str],
    unit: Unit,
) -> PlannedSession:
    """A planned session as the engine drafted it, titled from its planned values."""
    name = names.get(s.template_code, s.category.replace("_", " ").capitalize())
    return PlannedSession(
        organization_id=plan.organization_id,
        plan_id=plan.id,
        plan_week_id=week_id,
        athlete_id=plan.athlete_id,
        template_code=s.template_code,
        scheduled_date=s.date,
        order_in_day=order,
        title=session_title(
            s.category, name, duration_s=s.duration_s, distance_m=s.distance_m, unit=unit
        ),
        category=s.category,
        role=s.role
        if s.role in ROLES
        else ROLE_OF_CATEGORY.get(s.category, "quality" if s.is_hard else "easy"),
        is_hard=s.is_hard,
        planned_duration_s=s.duration_s,
        planned_distance_m=s.distance_m,
        planned_load=s.planned_load / SRPE_PER_STRESS_POINT,
        targets=_targets(s),
        origin="generated",
    )


def _persist(session: Session, athlete: Athlete, plan: TrainingPlan, draft: PlanDraft) -> None:
    names = _template_names(session, athlete.organization_id)
    unit = unit_of(athlete)
    for week in draft.weeks:
        row = PlanWeek(
            organization_id=athlete.organization_id,
            plan_id=plan.id,
            week_index=week.index,
            start_date=week.start_date,
            phase=week.phase,
            is_cutback=week.is_cutback,
            is_taper=week.is_taper,
            is_race_week=week.is_race_week,
            target_distance_m=week.target_distance_m,
            long_run_distance_m=week.long_run_distance_m,
        )
        session.add(row)
        session.flush()
        for order, s in enumerate(week.sessions):
            session.add(_planned_row(plan, row.id, s, order, names, unit))
    session.flush()


@use_case("athlete", writes=True)
def generate_plan(
    session: Session, actor: Actor, athlete_id: int, data: PlanCreate, *, now: datetime
) -> PlanRead:
    """Build a periodized plan with the engine and store it as version 1 (staff only).

    An active plan is archived only when the request says ``replace_active``; otherwise the
    answer is ``Conflict`` naming it, so a plan is never replaced without being asked.
    """
    athlete = get_athlete(session, actor, athlete_id, write=True)
    require_role(actor, "admin", "coach")
    active = list(
        session.scalars(
            select(TrainingPlan).where(
                TrainingPlan.athlete_id == athlete.id, TrainingPlan.status == "active"
            )
        )
    )
    if active and not data.replace_active:
        raise Conflict(
            f'The athlete already follows the plan "{active[0].name}" (id {active[0].id}, '
            f"{active[0].start_date} to {active[0].end_date}); send replace_active: true to "
            "replace it (it is kept as an earlier plan and can be restored).",
            detail=active[0].id,
        )
    library.sync_builtin_library(session)
    today = local_date(now, athlete.timezone)
    resolved, name = _resolved(session, athlete, data)
    draft = _build(session, athlete, resolved, today)
    for old in active:
        old.status = "archived"
    plan = TrainingPlan(
        organization_id=athlete.organization_id,
        athlete_id=athlete.id,
        goal_id=resolved.goal_id,
        name=name[:200],
        start_date=draft.start_date,
        end_date=draft.race_date,
        weeks=len(draft.weeks),
        status="active",
        version=0,
        parameters=resolved.model_dump(mode="json", exclude={"replace_active"}),
        warnings=list(describe_warnings(draft.warnings, unit_of(athlete))),
        created_by_id=actor.user_id,
    )
    session.add(plan)
    session.flush()
    _persist(session, athlete, plan, draft)
    rows = plan_sessions(session, plan.id)
    revisions.record_revision(
        session,
        plan,
        kind="generated",
        reason="generated by the plan builder",
        actor_id=actor.user_id,
        now=now,
        snapshot={"sessions": [{**revisions.session_view(r), "id": r.id} for r in rows]},
    )
    snapshots.refresh_after_change(session, athlete.id, today, now=now)
    return read_plan(session, plan)


@use_case("plan")
def get_plan(session: Session, actor: Actor, plan_id: int) -> PlanRead:
    """A plan with its weeks and sessions (three queries whatever its length)."""
    return read_plan(session, get_owned(session, actor, TrainingPlan, plan_id))


@use_case("athlete")
def find_active_plan(session: Session, actor: Actor, athlete_id: int) -> PlanRead | None:
    """The athlete's active plan, if any."""
    get_athlete(session, actor, athlete_id)
    plan = session.scalar(
        select(TrainingPlan)
        .where(TrainingPlan.athlete_id == athlete_id, TrainingPlan.status == "active")
        .order_by(TrainingPlan.id.desc())
        .limit(1)
    )
    return read_plan(session, plan) if plan else None


@use_case("plan")
def list_revisions(session: Session, actor: Actor, plan_id: int) -> list[PlanRevisionRead]:
    """Every version of a plan, oldest first (version 1 is the original)."""
    plan = get_owned(session, actor, TrainingPlan, plan_id)
    rows = session.scalars(
        select(PlanRevision).where(PlanRevision.plan_id == plan.id).order_by(PlanRevision.version)
    )
    return [PlanRevisionRead.model_validate(r) for r in rows]


@use_case("plan")
def plan_projection(
    session: Session, actor: Actor, plan_id: int, *, now: datetime
) -> list[ProjectionDay]:
    """Fitness, fatigue and form projected to race day if the remaining plan is followed."""
    plan = get_owned(session, actor, TrainingPlan, plan_id)
    athlete = session.get(Athlete, plan.athlete_id)
    assert athlete is not None
    today = local_date(now, athlete.timezone)
    last = history.latest(session, athlete.id, today)
    start = today + timedelta(days=1)
    if plan.end_date < start:
        return []
    planned = [
        (s.scheduled_date, s.planned_load)
        for s in plan_sessions(session, plan.id)
        if s.status == "planned"
    ]
    loads = daily_loads(start, plan.end_date, planned)
    days = project(start, last.ctl if last else 0.0, last.atl if last else 0.0, loads)
    return [
        ProjectionDay(day=d.day, planned_load=d.planned_load, ctl=d.ctl, atl=d.atl, form=d.form)
        for d in days
    ]


def _replace_from(
    session: Session, plan: TrainingPlan, athlete: Athlete, draft: PlanDraft, from_date: date
) -> tuple[int, int]:
    """Replace the planned sessions from ``from_date`` with the draft's; (removed, added)."""
    removed = [
        r
        for r in plan_sessions(session, plan.id)
        if r.scheduled_date >= from_date and r.status == "planned"
    ]
    for r in removed:
        session.delete(r)
    session.flush()
    weeks = {
        w.week_index: w
        for w in session.scalars(select(PlanWeek).where(PlanWeek.plan_id == plan.id))
    }
    names, unit, added = _template_names(session, athlete.organization_id), unit_of(athlete), 0
    for week in draft.weeks:
        row = weeks.get(week.index)
        if row is not None and week.start_date + timedelta(days=6) >= from_date:
            row.target_distance_m = week.target_distance_m
            row.long_run_distance_m = week.long_run_distance_m
        for order, s in enumerate(x for x in week.sessions if x.date >= from_date):
            session.add(_planned_row(plan, row.id if row else None, s, order, names, unit))
            added += 1
    session.flush()
    return len(removed), added


@use_case("plan", writes=True)
def regenerate_from(
    session: Session, actor: Actor, plan_id: int, data: PlanRegenerate, *, now: datetime
) -> PlanRead:
    """Rebuild the sessions from a date forward with today's profile; the past stays as it was.

    New unavailable dates, when given, replace the plan's list and are kept for later rebuilds.
    """
    plan, athlete = staff_plan(session, actor, plan_id)
    check_version(session, plan, data.plan_version)
    today = local_date(now, athlete.timezone)
    if data.from_date < today:
        raise InvalidInput("Regenerate from today or later: the past is kept as it was.")
    check_day(plan, data.from_date)
    request = PlanCreate.model_validate(plan.parameters)
    if data.unavailable_dates is not None:
        request = request.model_copy(update={"unavailable_dates": sorted(data.unavailable_dates)})
    resolved, _name = _resolved(session, athlete, request)
    draft = _build(session, athlete, resolved, plan.start_date)
    removed, added = _replace_from(session, plan, athlete, draft, data.from_date)
    plan.parameters = resolved.model_dump(mode="json", exclude={"replace_active"})
    plan.warnings = list(describe_warnings(draft.warnings, unit_of(athlete)))
    revisions.record_revision(
        session,
        plan,
        kind="regenerate",
        reason=data.reason,
        actor_id=actor.user_id,
        now=now,
        snapshot={"from_date": data.from_date.isoformat(), "removed": removed, "added": added},
    )
    snapshots.refresh_after_change(session, athlete.id, data.from_date, now=now)
    return read_plan(session, plan)
