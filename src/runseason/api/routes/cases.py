"""The case history: notes, tasks, injuries and illnesses."""

from __future__ import annotations

from fastapi.responses import JSONResponse

from runseason.api.deps import CurrentActor, Db, Now, PathId, Window
from runseason.api.replay import Post
from runseason.api.router import Router
from runseason.schemas.cases import (
    HealthCaseCreate,
    HealthCaseRead,
    NoteCreate,
    NoteRead,
    TaskCreate,
    TaskRead,
)
from runseason.schemas.common import Page
from runseason.services import cases

router = Router(tags=["coaching"])


@router.post("/athletes/{athlete_id}/notes", status_code=201)
def add_note(
    athlete_id: PathId,
    data: NoteCreate,
    post: Post,
) -> JSONResponse:
    """Add a case note (private unless shared with the athlete)."""
    return post.respond(
        data,
        lambda: cases.add_note(post.session, post.actor, athlete_id, data, now=post.now),
    )


@router.get("/athletes/{athlete_id}/notes", response_model=Page[NoteRead])
def list_notes(
    athlete_id: PathId, actor: CurrentActor, session: Db, window: Window
) -> Page[NoteRead]:
    """Case notes, newest first, a page at a time (``from``/``to``: written on those days)."""
    return cases.list_notes(session, actor, athlete_id, window)


@router.post("/athletes/{athlete_id}/tasks", response_model=TaskRead, status_code=201)
def add_task(
    athlete_id: PathId,
    data: TaskCreate,
    post: Post,
) -> JSONResponse:
    """Add a task about an athlete."""
    return post.respond(
        data,
        lambda: cases.add_task(post.session, post.actor, athlete_id, data, now=post.now),
    )


@router.get("/tasks", response_model=Page[TaskRead])
def my_tasks(
    actor: CurrentActor, session: Db, window: Window, include_done: bool = False
) -> Page[TaskRead]:
    """Your tasks by due date, a page at a time (``from``/``to``: due on those days)."""
    return cases.list_my_tasks(session, actor, window, include_done=include_done)


@router.post("/tasks/{task_id}/complete", response_model=TaskRead)
def complete_task(task_id: PathId, actor: CurrentActor, session: Db, now: Now) -> TaskRead:
    """Mark a task done."""
    return cases.complete_task(session, actor, task_id, now=now)


@router.post("/athletes/{athlete_id}/health-cases", response_model=HealthCaseRead, status_code=201)
def open_health_case(
    athlete_id: PathId,
    data: HealthCaseCreate,
    post: Post,
) -> JSONResponse:
    """Open an injury or illness case."""
    return post.respond(
        data,
        lambda: cases.open_health_case(post.session, post.actor, athlete_id, data, now=post.now),
    )


@router.post("/health-cases/{case_id}/advance", response_model=HealthCaseRead)
def advance_health_case(
    case_id: PathId, actor: CurrentActor, session: Db, now: Now
) -> HealthCaseRead:
    """Move a case on: open → return to run → closed."""
    return cases.advance_health_case(session, actor, case_id, now=now)


@router.get("/athletes/{athlete_id}/health-cases", response_model=Page[HealthCaseRead])
def list_health_cases(
    athlete_id: PathId, actor: CurrentActor, session: Db, window: Window
) -> Page[HealthCaseRead]:
    """Injuries and illnesses, newest first (``from``/``to``: started on those days)."""
    return cases.list_health_cases(session, actor, athlete_id, window)
