"""The case history of an athlete: notes, tasks, injuries and illnesses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import CaseNote, HealthCase, Intervention, Task, User
from runseason.domain.return_to_run import progression
from runseason.errors import Conflict, InvalidInput, NotFound
from runseason.schemas.cases import (
    HealthCaseCreate,
    HealthCaseRead,
    NoteCreate,
    NoteRead,
    TaskCreate,
    TaskRead,
)
from runseason.schemas.common import Page
from runseason.services import case_events
from runseason.services.identity.access import Actor, get_athlete, get_owned, require_role, use_case
from runseason.services.paging import EVERYTHING, ListWindow, read_page


def _event(
    session: Session,
    actor: Actor,
    athlete_id: int,
    kind: str,
    title: str,
    ref_type: str,
    ref_id: int,
    now: datetime,
) -> None:
    case_events.record_event(
        session,
        organization_id=actor.organization_id,
        athlete_id=athlete_id,
        kind=kind,
        title=title,
        now=now,
        ref_type=ref_type,
        ref_id=ref_id,
        actor_id=actor.user_id,
    )


@use_case("athlete", writes=True)
def add_note(
    session: Session, actor: Actor, athlete_id: int, data: NoteCreate, *, now: datetime
) -> NoteRead:
    """A coach's note; athletes see only those shared with them."""
    get_athlete(session, actor, athlete_id, write=True)
    require_role(actor, "admin", "coach")
    if data.intervention_id is not None:
        _check_intervention_of(session, athlete_id, data.intervention_id)
    note = CaseNote(
        organization_id=actor.organization_id,
        athlete_id=athlete_id,
        author_id=actor.user_id,
        body=data.body,
        shared_with_athlete=data.shared_with_athlete,
        intervention_id=data.intervention_id,
        created_at=now,
    )
    session.add(note)
    session.flush()
    _event(session, actor, athlete_id, "note", data.body[:80], "note", note.id, now)
    session.flush()
    return NoteRead.model_validate(note)


def _check_intervention_of(session: Session, athlete_id: int, intervention_id: int) -> None:
    """A note may link only an intervention of the same athlete (never another tenant's)."""
    found = session.scalar(
        select(Intervention.id).where(
            Intervention.id == intervention_id, Intervention.athlete_id == athlete_id
        )
    )
    if found is None:
        raise InvalidInput("intervention_id: no such intervention for this athlete")


@use_case("athlete")
def list_notes(
    session: Session, actor: Actor, athlete_id: int, window: ListWindow = EVERYTHING
) -> Page[NoteRead]:
    """Notes on an athlete, newest first (an athlete sees only the shared ones)."""
    athlete = get_athlete(session, actor, athlete_id)
    query = select(CaseNote).where(CaseNote.athlete_id == athlete_id)
    if actor.role == "athlete":
        query = query.where(CaseNote.shared_with_athlete)
    query = query.order_by(CaseNote.created_at.desc(), CaseNote.id.desc())
    return read_page(
        session,
        query,
        NoteRead.model_validate,
        window,
        dated_by=CaseNote.created_at,
        zone=athlete.timezone,
    )


@use_case("athlete", writes=True)
def add_task(
    session: Session, actor: Actor, athlete_id: int, data: TaskCreate, *, now: datetime
) -> TaskRead:
    """A to-do about an athlete, for the actor or a colleague."""
    get_athlete(session, actor, athlete_id, write=True)
    require_role(actor, "admin", "coach")
    assignee = data.assignee_id or actor.user_id
    user = session.get(User, assignee)
    if user is None or user.organization_id != actor.organization_id or user.role == "athlete":
        raise NotFound("assignee not found")
    task = Task(
        organization_id=actor.organization_id,
        athlete_id=athlete_id,
        title=data.title,
        description=data.description,
        due_date=data.due_date,
        assignee_id=assignee,
        created_by_id=actor.user_id,
    )
    session.add(task)
    session.flush()
    _event(session, actor, athlete_id, "task", data.title, "task", task.id, now)
    session.flush()
    return TaskRead.model_validate(task)


@use_case("task", writes=True)
def complete_task(session: Session, actor: Actor, task_id: int, *, now: datetime) -> TaskRead:
    """Mark a task done."""
    task = get_owned(session, actor, Task, task_id, write=True)
    require_role(actor, "admin", "coach")
    if task.status != "open":
        raise Conflict("This task is not open.")
    task.status, task.completed_at = "done", now
    session.flush()
    return TaskRead.model_validate(task)


def list_my_tasks(
    session: Session, actor: Actor, window: ListWindow = EVERYTHING, *, include_done: bool = False
) -> Page[TaskRead]:
    """The actor's own tasks, by due date (a date range keeps those due within it)."""
    require_role(actor, "admin", "coach")
    query = select(Task).where(
        Task.organization_id == actor.organization_id, Task.assignee_id == actor.user_id
    )
    if not include_done:
        query = query.where(Task.status == "open")
    query = query.order_by(Task.due_date.asc().nulls_last(), Task.id)
    return read_page(session, query, TaskRead.model_validate, window, dated_by=Task.due_date)


@use_case("athlete", writes=True)
def open_health_case(
    session: Session, actor: Actor, athlete_id: int, data: HealthCaseCreate, *, now: datetime
) -> HealthCaseRead:
    """Open an injury or illness case."""
    get_athlete(session, actor, athlete_id, write=True)
    require_role(actor, "admin", "coach")
    row = HealthCase(
        organization_id=actor.organization_id,
        athlete_id=athlete_id,
        kind=data.kind,
        location=data.location,
        description=data.description,
        started_on=data.started_on,
        opened_by_id=actor.user_id,
        status="open",
    )
    session.add(row)
    session.flush()
    _event(
        session,
        actor,
        athlete_id,
        f"{data.kind}_opened",
        f"{data.kind} case opened",
        "health_case",
        row.id,
        now,
    )
    session.flush()
    return HealthCaseRead.model_validate(row)


@use_case("health_case", writes=True)
def advance_health_case(
    session: Session, actor: Actor, case_id: int, *, now: datetime, weeks: int = 3
) -> HealthCaseRead:
    """open → return_to_run (with a progression) → closed."""
    row = get_owned(session, actor, HealthCase, case_id, write=True)
    require_role(actor, "admin", "coach")
    today = now.date()
    if row.status == "open":
        if not 2 <= weeks <= 4:
            raise InvalidInput("A return-to-run progression lasts 2 to 4 weeks.")
        row.status, row.progression = "return_to_run", progression(today, weeks)
    elif row.status == "return_to_run":
        row.status, row.closed_on = "closed", today
    else:
        raise Conflict("This case is already closed.")
    session.flush()
    _event(
        session,
        actor,
        row.athlete_id,
        f"{row.kind}_{row.status}",
        f"{row.kind} case: {row.status}",
        "health_case",
        row.id,
        now,
    )
    session.flush()
    return HealthCaseRead.model_validate(row)


@use_case("athlete")
def list_health_cases(
    session: Session, actor: Actor, athlete_id: int, window: ListWindow = EVERYTHING
) -> Page[HealthCaseRead]:
    """An athlete's injuries and illnesses, newest first (a date range: started within it)."""
    get_athlete(session, actor, athlete_id)
    query = (
        select(HealthCase)
        .where(HealthCase.athlete_id == athlete_id)
        .order_by(HealthCase.started_on.desc(), HealthCase.id.desc())
    )
    return read_page(
        session, query, HealthCaseRead.model_validate, window, dated_by=HealthCase.started_on
    )
