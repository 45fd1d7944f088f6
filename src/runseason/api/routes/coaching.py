"""The coach's day: the Command Center, the caseload, recommendations, interventions, cases."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from runseason.api.deps import CurrentActor, Db, IdempotencyKey, Now, PageNumber, PageSize
from runseason.api.replay import respond
from runseason.schemas.cases import (
    HealthCaseCreate,
    HealthCaseRead,
    NoteCreate,
    NoteRead,
    TaskCreate,
    TaskRead,
    TimelineEventRead,
)
from runseason.schemas.coaching import (
    CaseloadRead,
    CommandCenterRead,
    InterventionRead,
    InterventionResolve,
    InterventionSnooze,
    RecommendationDecision,
    RecommendationRead,
    SessionChangeRead,
)
from runseason.schemas.common import Page
from runseason.services import cases, coaching_settings, interventions, recommendations
from runseason.services.views import command_center

router = APIRouter(tags=["coaching"])
Bucket = Annotated[Literal["at_risk", "watch", "stable"] | None, Query()]


@router.get("/command-center", response_model=CommandCenterRead)
def get_command_center(
    actor: CurrentActor,
    session: Db,
    now: Now,
    page: PageNumber = 1,
    page_size: PageSize = 25,
    bucket: Bucket = None,
) -> CommandCenterRead:
    """This morning's queue: who needs you and why, ranked by risk and SLA."""
    return command_center.get_command_center(
        session, actor, now=now, page=page, page_size=page_size, bucket=bucket
    )


@router.get("/caseload", response_model=CaseloadRead)
def get_caseload(
    actor: CurrentActor,
    session: Db,
    page: PageNumber = 1,
    page_size: PageSize = 50,
    bucket: Bucket = None,
    sort: Annotated[Literal["risk", "name", "readiness", "form"], Query()] = "risk",
    search: Annotated[str | None, Query(max_length=100)] = None,
) -> CaseloadRead:
    """One row per athlete, sortable, filterable and searchable."""
    return command_center.get_caseload(
        session, actor, page=page, page_size=page_size, sort=sort, bucket=bucket, search=search
    )


@router.get("/recommendations/{recommendation_id}/preview", response_model=list[SessionChangeRead])
def preview_recommendation(
    recommendation_id: int, actor: CurrentActor, session: Db
) -> list[SessionChangeRead]:
    """The plan change a recommendation would make, before and after."""
    return recommendations.preview_recommendation(session, actor, recommendation_id)


@router.post("/recommendations/{recommendation_id}/decision", response_model=RecommendationRead)
def decide(
    recommendation_id: int, data: RecommendationDecision, actor: CurrentActor, session: Db, now: Now
) -> RecommendationRead:
    """Accept, modify or reject a recommendation."""
    return recommendations.decide_recommendation(session, actor, recommendation_id, data, now=now)


@router.get("/interventions/{intervention_id}", response_model=InterventionRead)
def get_intervention(
    intervention_id: int, actor: CurrentActor, session: Db, now: Now
) -> InterventionRead:
    """One intervention with its SLA state."""
    return interventions.get_intervention(session, actor, intervention_id, now=now)


@router.post("/interventions/{intervention_id}/acknowledge", response_model=InterventionRead)
def acknowledge(
    intervention_id: int, actor: CurrentActor, session: Db, now: Now
) -> InterventionRead:
    """Mark an intervention as seen."""
    return interventions.acknowledge_intervention(session, actor, intervention_id, now=now)


@router.post("/interventions/{intervention_id}/snooze", response_model=InterventionRead)
def snooze(
    intervention_id: int, data: InterventionSnooze, actor: CurrentActor, session: Db, now: Now
) -> InterventionRead:
    """Set an intervention aside for some hours."""
    return interventions.snooze_intervention(session, actor, intervention_id, data, now=now)


@router.post("/interventions/{intervention_id}/resolve", response_model=InterventionRead)
def resolve(
    intervention_id: int, data: InterventionResolve, actor: CurrentActor, session: Db, now: Now
) -> InterventionRead:
    """Close an intervention with its outcome."""
    return interventions.resolve_intervention(session, actor, intervention_id, data, now=now)


@router.get("/athletes/{athlete_id}/interventions", response_model=list[InterventionRead])
def athlete_interventions(
    athlete_id: int, actor: CurrentActor, session: Db, now: Now, include_resolved: bool = False
) -> list[InterventionRead]:
    """An athlete's interventions."""
    return interventions.list_athlete_interventions(
        session, actor, athlete_id, now=now, include_resolved=include_resolved
    )


@router.post("/athletes/{athlete_id}/notes", status_code=201)
def add_note(
    athlete_id: int,
    data: NoteCreate,
    actor: CurrentActor,
    session: Db,
    now: Now,
    request: Request,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """Add a case note (private unless shared with the athlete)."""
    return respond(
        session,
        actor,
        request,
        key,
        data,
        lambda: cases.add_note(session, actor, athlete_id, data, now=now),
        now=now,
    )


@router.get("/athletes/{athlete_id}/notes", response_model=list[NoteRead])
def list_notes(athlete_id: int, actor: CurrentActor, session: Db) -> list[NoteRead]:
    """Case notes, newest first."""
    return cases.list_notes(session, actor, athlete_id)


@router.post("/athletes/{athlete_id}/tasks", response_model=TaskRead, status_code=201)
def add_task(
    athlete_id: int, data: TaskCreate, actor: CurrentActor, session: Db, now: Now
) -> TaskRead:
    """Add a task about an athlete."""
    return cases.add_task(session, actor, athlete_id, data, now=now)


@router.get("/tasks", response_model=list[TaskRead])
def my_tasks(actor: CurrentActor, session: Db, include_done: bool = False) -> list[TaskRead]:
    """Your tasks by due date."""
    return cases.list_my_tasks(session, actor, include_done=include_done)


@router.post("/tasks/{task_id}/complete", response_model=TaskRead)
def complete_task(task_id: int, actor: CurrentActor, session: Db, now: Now) -> TaskRead:
    """Mark a task done."""
    return cases.complete_task(session, actor, task_id, now=now)


@router.post("/athletes/{athlete_id}/health-cases", response_model=HealthCaseRead, status_code=201)
def open_health_case(
    athlete_id: int, data: HealthCaseCreate, actor: CurrentActor, session: Db, now: Now
) -> HealthCaseRead:
    """Open an injury or illness case."""
    return cases.open_health_case(session, actor, athlete_id, data, now=now)


@router.post("/health-cases/{case_id}/advance", response_model=HealthCaseRead)
def advance_health_case(case_id: int, actor: CurrentActor, session: Db, now: Now) -> HealthCaseRead:
    """Move a case on: open → return to run → closed."""
    return cases.advance_health_case(session, actor, case_id, now=now)


@router.get("/athletes/{athlete_id}/health-cases", response_model=list[HealthCaseRead])
def list_health_cases(athlete_id: int, actor: CurrentActor, session: Db) -> list[HealthCaseRead]:
    """Injuries and illnesses."""
    return cases.list_health_cases(session, actor, athlete_id)


@router.get("/athletes/{athlete_id}/timeline", response_model=Page[TimelineEventRead])
def timeline(
    athlete_id: int,
    actor: CurrentActor,
    session: Db,
    page: PageNumber = 1,
    page_size: PageSize = 50,
) -> Page[TimelineEventRead]:
    """The athlete's history of engine and coach events."""
    return cases.get_timeline(session, actor, athlete_id, page=page, page_size=page_size)


@router.get("/settings")
def get_settings_route(actor: CurrentActor, session: Db) -> dict[str, Any]:
    """Your organization's effective coaching settings."""
    return coaching_settings.get_organization_settings(session, actor).model_dump(mode="json")


@router.patch("/settings")
def update_settings(changes: dict[str, Any], actor: CurrentActor, session: Db) -> dict[str, Any]:
    """Change coaching settings (admins); the result is validated as a whole."""
    return coaching_settings.update_organization_settings(session, actor, changes).model_dump(
        mode="json"
    )
