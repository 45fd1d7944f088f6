"""Administration of the organization and the platform's own health."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import Query
from fastapi.responses import JSONResponse
from sqlalchemy import text

from runseason import __version__
from runseason.api.deps import CurrentActor, Db, Now, PageNumber, PageSize, PathId
from runseason.api.replay import Post
from runseason.api.router import Router
from runseason.schemas.accounts import AssignmentRead, TemporaryPassword, UserCreate, UserRead
from runseason.schemas.audit import AssignmentCreate, AuditEntryRead
from runseason.schemas.common import Page
from runseason.schemas.system import SystemStatusRead
from runseason.services import audit, system
from runseason.services.identity import users

router = Router(tags=["admin"])


@router.get("/admin/system", response_model=SystemStatusRead)
def system_status(actor: CurrentActor, session: Db) -> SystemStatusRead:
    """The platform's state for your organization: its refresh queue and its errors (admins)."""
    return SystemStatusRead.model_validate(system.get_system_status(session, actor))


@router.get("/users", response_model=Page[UserRead])
def list_users(
    actor: CurrentActor,
    session: Db,
    page: PageNumber = 1,
    page_size: PageSize = 50,
    role: Annotated[Literal["admin", "coach", "athlete"] | None, Query()] = None,
) -> Page[UserRead]:
    """Your organization's accounts (admins)."""
    return users.list_users(session, actor, page=page, page_size=page_size, role=role)


@router.post("/users", status_code=201)
def create_user(
    data: UserCreate,
    post: Post,
) -> JSONResponse:
    """Create an account with a temporary password, shown once."""
    return post.respond(
        data,
        lambda: users.create_user(post.session, post.actor, data, now=post.now),
    )


@router.post("/users/{user_id}/deactivate", response_model=UserRead)
def deactivate(user_id: PathId, actor: CurrentActor, session: Db, now: Now) -> UserRead:
    """Switch an account off; its sessions end."""
    return users.deactivate_user(session, actor, user_id, now=now)


@router.post("/users/{user_id}/reactivate", response_model=UserRead)
def reactivate(user_id: PathId, actor: CurrentActor, session: Db) -> UserRead:
    """Switch a deactivated account back on (admins)."""
    return users.reactivate_user(session, actor, user_id)


@router.post("/users/{user_id}/unlock", response_model=UserRead)
def unlock(user_id: PathId, actor: CurrentActor, session: Db) -> UserRead:
    """Lift the lockout after failed sign-ins, so the person can sign in again now (admins)."""
    return users.unlock_user(session, actor, user_id)


@router.post("/users/{user_id}/temporary-password", response_model=TemporaryPassword)
def temporary_password(
    user_id: PathId, actor: CurrentActor, session: Db, now: Now
) -> TemporaryPassword:
    """A temporary password (shown once); ends the sessions (admins; coaches for athletes)."""
    secret = users.reset_password(session, actor, user_id, now=now)
    return TemporaryPassword(temporary_password=secret)


@router.get("/audit", response_model=Page[AuditEntryRead])
def audit_trail(
    actor: CurrentActor,
    session: Db,
    page: PageNumber = 1,
    page_size: PageSize = 50,
    entity: Annotated[str | None, Query(max_length=60)] = None,
    since: Annotated[datetime | None, Query()] = None,
    until: Annotated[datetime | None, Query()] = None,
) -> Page[AuditEntryRead]:
    """The organization's audit trail, newest first (admins)."""
    return audit.list_audit(
        session, actor, page=page, page_size=page_size, entity=entity, since=since, until=until
    )


@router.get("/athletes/{athlete_id}/assignments", response_model=list[AssignmentRead])
def list_assignments(athlete_id: PathId, actor: CurrentActor, session: Db) -> list[AssignmentRead]:
    """The athlete's coaches, past and present."""
    return users.list_assignments(session, actor, athlete_id)


@router.post("/athletes/{athlete_id}/assignments", response_model=AssignmentRead, status_code=201)
def assign_coach(
    athlete_id: PathId,
    data: AssignmentCreate,
    post: Post,
) -> JSONResponse:
    """Make a coach responsible for the athlete (admins); a new head coach replaces the old."""
    return post.respond(
        data,
        lambda: users.assign_coach(
            post.session, post.actor, athlete_id, data.coach_id, role=data.role, now=post.now
        ),
    )


@router.delete("/athletes/{athlete_id}/assignments/{coach_id}", status_code=204)
def end_assignment(
    athlete_id: PathId, coach_id: PathId, actor: CurrentActor, session: Db, now: Now
) -> None:
    """End a coach's responsibility for the athlete; the history stays."""
    users.end_assignment(session, actor, athlete_id, coach_id, now=now)


@router.get("/health", tags=["system"])
def health(session: Db) -> dict[str, str]:
    """Liveness and database reachability (no sign-in needed)."""
    session.execute(text("SELECT 1"))
    return {"status": "ok", "version": __version__}


@router.get("/healthz", tags=["system"])
def healthz() -> dict[str, str]:
    """Process liveness for orchestrators (touches nothing)."""
    return {"status": "ok"}


@router.get("/readyz", tags=["system"])
def readyz(session: Db) -> dict[str, str]:
    """Readiness: the database answers."""
    session.execute(text("SELECT 1"))
    return {"status": "ready"}
