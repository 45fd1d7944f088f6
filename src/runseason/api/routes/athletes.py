"""An athlete's data: profile, check-ins, logged sessions, briefing, analytics, goals and plans."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse

from runseason.api.deps import CurrentActor, Db, IdempotencyKey, Now, PageNumber, PageSize
from runseason.api.replay import respond
from runseason.config import get_settings
from runseason.errors import InvalidInput
from runseason.schemas.accounts import AthleteRead, AthleteUpdate, UserCreate
from runseason.schemas.briefing import BriefingRead, LoadHistoryRead
from runseason.schemas.checkins import CheckInCreate, CheckInRead, CheckInSubmitted
from runseason.schemas.common import Page
from runseason.schemas.plans import (
    GoalCreate,
    GoalRead,
    PlanCreate,
    PlanRead,
    PlanRegenerate,
    PlanRevisionRead,
    ProjectionDay,
    SessionAdd,
    SessionEdit,
    SessionReplace,
    SessionSwap,
    WeekScale,
)
from runseason.schemas.training import TrainingLogCreate, TrainingLogRead, TrainingLogUpdate
from runseason.schemas.zones import ZoneOverride, ZonesRead
from runseason.services import briefing, checkins, training
from runseason.services.identity import users
from runseason.services.plans import generation, goals, zones
from runseason.services.views import analytics

router = APIRouter(tags=["athletes"])


@router.get("/athletes", response_model=Page[AthleteRead])
def list_athletes(
    actor: CurrentActor,
    session: Db,
    page: PageNumber = 1,
    page_size: PageSize = 50,
    search: Annotated[str | None, Query(max_length=100)] = None,
) -> Page[AthleteRead]:
    """The athletes you may see, by name."""
    return users.list_athletes(session, actor, page=page, page_size=page_size, search=search)


@router.post("/athletes", status_code=201)
def create_athlete(
    data: UserCreate,
    actor: CurrentActor,
    session: Db,
    now: Now,
    request: Request,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """Create an athlete account; a coach becomes its head coach. Shows the password once."""
    if data.role != "athlete":
        raise InvalidInput("Use /users to create coaches and admins.")
    return respond(
        session,
        actor,
        request,
        key,
        data,
        lambda: users.create_user(session, actor, data, now=now),
        now=now,
    )


@router.get("/athletes/{athlete_id}", response_model=AthleteRead)
def get_athlete(athlete_id: int, actor: CurrentActor, session: Db) -> AthleteRead:
    """One athlete's profile."""
    return users.get_athlete_profile(session, actor, athlete_id)


@router.patch("/athletes/{athlete_id}", response_model=AthleteRead)
def update_athlete(
    athlete_id: int, data: AthleteUpdate, actor: CurrentActor, session: Db
) -> AthleteRead:
    """Change an athlete's physiology, availability or preferences."""
    return users.update_athlete(session, actor, athlete_id, data)


@router.post(
    "/athletes/{athlete_id}/checkins",
    status_code=201,
    responses={201: {"model": CheckInSubmitted}},
)
def submit_checkin(
    athlete_id: int,
    data: CheckInCreate,
    actor: CurrentActor,
    session: Db,
    now: Now,
    request: Request,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """Submit the morning check-in; the answer carries readiness and today's briefing."""

    def produce() -> CheckInSubmitted:
        read = checkins.submit_checkin(session, actor, athlete_id, data, now=now)
        advice = briefing.get_briefing(session, actor, athlete_id, now=now, checkin=read)
        return CheckInSubmitted(checkin=read, briefing=advice)

    return respond(session, actor, request, key, data, produce, now=now)


@router.get("/athletes/{athlete_id}/checkins", response_model=Page[CheckInRead])
def list_checkins(
    athlete_id: int,
    actor: CurrentActor,
    session: Db,
    page: PageNumber = 1,
    page_size: PageSize = 30,
) -> Page[CheckInRead]:
    """Check-ins, newest first."""
    return checkins.list_checkins(session, actor, athlete_id, page=page, page_size=page_size)


@router.put("/checkins/{checkin_id}", response_model=CheckInRead)
def update_checkin(
    checkin_id: int, data: CheckInCreate, actor: CurrentActor, session: Db, now: Now
) -> CheckInRead:
    """Correct a check-in."""
    return checkins.update_checkin(session, actor, checkin_id, data, now=now)


@router.get("/checkins/{checkin_id}", response_model=CheckInRead)
def get_checkin(checkin_id: int, actor: CurrentActor, session: Db) -> CheckInRead:
    """One check-in with its readiness."""
    return checkins.get_checkin(session, actor, checkin_id)


@router.get("/athletes/{athlete_id}/briefing", response_model=BriefingRead)
def get_briefing(athlete_id: int, actor: CurrentActor, session: Db, now: Now) -> BriefingRead:
    """Today's session adapted to this morning's readiness."""
    return briefing.get_briefing(session, actor, athlete_id, now=now)


@router.post("/athletes/{athlete_id}/logs", status_code=201)
def log_session(
    athlete_id: int,
    data: TrainingLogCreate,
    actor: CurrentActor,
    session: Db,
    now: Now,
    request: Request,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """Log a session by hand."""
    return respond(
        session,
        actor,
        request,
        key,
        data,
        lambda: training.log_session(session, actor, athlete_id, data, now=now),
        now=now,
    )


@router.post("/athletes/{athlete_id}/logs/upload", response_model=TrainingLogRead, status_code=201)
def upload_activity(
    athlete_id: int,
    actor: CurrentActor,
    session: Db,
    now: Now,
    file: Annotated[UploadFile, File(description="A FIT, GPX or TCX file.")],
    rpe: Annotated[float | None, Form(ge=0, le=10)] = None,
) -> TrainingLogRead:
    """Import a device file as a logged session (duplicates are refused)."""
    limit = get_settings().max_upload_bytes
    content = file.file.read(limit + 1)
    return training.import_activity(
        session, actor, athlete_id, file.filename or "activity", content, now=now, rpe=rpe
    )


@router.get("/athletes/{athlete_id}/logs", response_model=Page[TrainingLogRead])
def list_logs(
    athlete_id: int,
    actor: CurrentActor,
    session: Db,
    page: PageNumber = 1,
    page_size: PageSize = 30,
) -> Page[TrainingLogRead]:
    """Logged sessions, newest first."""
    return training.list_logs(session, actor, athlete_id, page=page, page_size=page_size)


@router.patch("/logs/{log_id}", response_model=TrainingLogRead)
def update_log(
    log_id: int, data: TrainingLogUpdate, actor: CurrentActor, session: Db, now: Now
) -> TrainingLogRead:
    """Correct a logged session."""
    return training.update_log(session, actor, log_id, data, now=now)


@router.delete("/logs/{log_id}", status_code=204)
def delete_log(log_id: int, actor: CurrentActor, session: Db, now: Now) -> Response:
    """Remove a logged session."""
    training.delete_log(session, actor, log_id, now=now)
    return Response(status_code=204)


@router.get("/athletes/{athlete_id}/load-history", response_model=LoadHistoryRead)
def load_history(
    athlete_id: int,
    actor: CurrentActor,
    session: Db,
    now: Now,
    days: Annotated[int, Query(ge=7, le=1100)] = 120,
) -> LoadHistoryRead:
    """Fitness, fatigue, form, ACWR and weekly rollups, with the ACWR caution."""
    return analytics.get_load_history(session, actor, athlete_id, now=now, days=days)


@router.get("/athletes/{athlete_id}/prediction")
def prediction(
    athlete_id: int,
    actor: CurrentActor,
    session: Db,
    distance_m: Annotated[float, Query(ge=800, le=100_000)] = 42195,
) -> dict[str, Any] | None:
    """A race prediction range across models, with the inputs used."""
    result = analytics.get_prediction(session, actor, athlete_id, distance_m)
    return asdict(result) if result else None


@router.post("/athletes/{athlete_id}/goals", response_model=GoalRead, status_code=201)
def create_goal(
    athlete_id: int, data: GoalCreate, actor: CurrentActor, session: Db, now: Now
) -> GoalRead:
    """Add a race goal."""
    return goals.create_goal(session, actor, athlete_id, data, now=now)


@router.get("/athletes/{athlete_id}/goals", response_model=list[GoalRead])
def list_goals(athlete_id: int, actor: CurrentActor, session: Db) -> list[GoalRead]:
    """Race goals by date."""
    return goals.list_goals(session, actor, athlete_id)


@router.post("/athletes/{athlete_id}/plans", response_model=PlanRead, status_code=201)
def generate_plan(
    athlete_id: int, data: PlanCreate, actor: CurrentActor, session: Db, now: Now
) -> PlanRead:
    """Generate a periodized plan (it replaces the active one)."""
    return generation.generate_plan(session, actor, athlete_id, data, now=now)


@router.get("/athletes/{athlete_id}/plan", response_model=PlanRead | None)
def active_plan(athlete_id: int, actor: CurrentActor, session: Db) -> PlanRead | None:
    """The active plan, if any."""
    return generation.find_active_plan(session, actor, athlete_id)


@router.get("/plans/{plan_id}", response_model=PlanRead)
def get_plan(plan_id: int, actor: CurrentActor, session: Db) -> PlanRead:
    """A plan with its weeks and sessions."""
    return generation.get_plan(session, actor, plan_id)


@router.get("/plans/{plan_id}/revisions", response_model=list[PlanRevisionRead])
def plan_revisions(plan_id: int, actor: CurrentActor, session: Db) -> list[PlanRevisionRead]:
    """Every version of a plan."""
    return generation.list_revisions(session, actor, plan_id)


@router.get("/plans/{plan_id}/projection", response_model=list[ProjectionDay])
def plan_projection(
    plan_id: int, actor: CurrentActor, session: Db, now: Now
) -> list[ProjectionDay]:
    """Fitness projected to race day if the plan is followed."""
    return generation.plan_projection(session, actor, plan_id, now=now)


@router.patch("/planned-sessions/{session_id}", response_model=PlanRead)
def edit_planned_session(
    session_id: int, data: SessionEdit, actor: CurrentActor, session: Db, now: Now
) -> PlanRead:
    """Move, resize, rename or cancel a planned session (a new plan version)."""
    return generation.edit_session(session, actor, session_id, data, now=now)


@router.post("/plans/{plan_id}/sessions", response_model=PlanRead, status_code=201)
def add_planned_session(
    plan_id: int, data: SessionAdd, actor: CurrentActor, session: Db, now: Now
) -> PlanRead:
    """Add a session from the library to a day of the plan."""
    return generation.add_session(session, actor, plan_id, data, now=now)


@router.post("/planned-sessions/{session_id}/replace", response_model=PlanRead)
def replace_planned_session(
    session_id: int, data: SessionReplace, actor: CurrentActor, session: Db, now: Now
) -> PlanRead:
    """Put another template in a session's place (same day and duration)."""
    return generation.replace_session(session, actor, session_id, data, now=now)


@router.post("/plans/{plan_id}/swap", response_model=PlanRead)
def swap_planned_sessions(
    plan_id: int, data: SessionSwap, actor: CurrentActor, session: Db, now: Now
) -> PlanRead:
    """Exchange the days of two sessions."""
    return generation.swap_sessions(session, actor, plan_id, data, now=now)


@router.post("/plan-weeks/{week_id}/scale", response_model=PlanRead)
def scale_plan_week(
    week_id: int, data: WeekScale, actor: CurrentActor, session: Db, now: Now
) -> PlanRead:
    """Change a week's volume (the sessions still to come)."""
    return generation.scale_week(session, actor, week_id, data, now=now)


@router.post("/plans/{plan_id}/regenerate", response_model=PlanRead)
def regenerate_plan(
    plan_id: int, data: PlanRegenerate, actor: CurrentActor, session: Db, now: Now
) -> PlanRead:
    """Rebuild the plan from a date forward, keeping the past."""
    return generation.regenerate_from(session, actor, plan_id, data, now=now)


@router.get("/athletes/{athlete_id}/zones", response_model=ZonesRead)
def get_zones(athlete_id: int, actor: CurrentActor, session: Db) -> ZonesRead:
    """The athlete's pace and heart-rate zones, with where each comes from."""
    return zones.get_zones(session, actor, athlete_id)


@router.put("/athletes/{athlete_id}/zones", response_model=ZonesRead)
def override_zone(
    athlete_id: int, data: ZoneOverride, actor: CurrentActor, session: Db
) -> ZonesRead:
    """Set or clear a coach's bounds for one zone."""
    return zones.override_zone(session, actor, athlete_id, data)
