"""Administration of the organization and the platform's own health."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from runseason import __version__
from runseason.api.deps import CurrentActor, Db, IdempotencyKey, Now, PageNumber, PageSize
from runseason.api.replay import respond
from runseason.schemas.accounts import UserCreate, UserRead
from runseason.schemas.common import Page
from runseason.services import users

router = APIRouter(tags=["admin"])


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
    actor: CurrentActor,
    session: Db,
    now: Now,
    request: Request,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """Create an account with a temporary password, shown once."""
    return respond(
        session,
        actor,
        request,
        key,
        data,
        lambda: users.create_user(session, actor, data, now=now),
        now=now,
    )


@router.post("/users/{user_id}/deactivate", response_model=UserRead)
def deactivate(user_id: int, actor: CurrentActor, session: Db, now: Now) -> UserRead:
    """Switch an account off; its sessions end."""
    return users.deactivate_user(session, actor, user_id, now=now)


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
