"""An athlete's profile: the athletes you may see, new athletes, their details."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from fastapi.responses import JSONResponse

from runseason.api.deps import CurrentActor, Db, PageNumber, PageSize, PathId
from runseason.api.replay import Post
from runseason.api.router import Router
from runseason.errors import InvalidInput
from runseason.schemas.accounts import AthleteRead, AthleteUpdate, UserCreate
from runseason.schemas.common import Page
from runseason.services.identity import users

router = Router(tags=["athletes"])


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
    post: Post,
) -> JSONResponse:
    """Create an athlete account; a coach becomes its head coach. Shows the password once."""
    if data.role != "athlete":
        raise InvalidInput("Use /users to create coaches and admins.")
    return post.respond(
        data,
        lambda: users.create_user(post.session, post.actor, data, now=post.now),
    )


@router.get("/athletes/{athlete_id}", response_model=AthleteRead)
def get_athlete(athlete_id: PathId, actor: CurrentActor, session: Db) -> AthleteRead:
    """One athlete's profile."""
    return users.get_athlete_profile(session, actor, athlete_id)


@router.patch("/athletes/{athlete_id}", response_model=AthleteRead)
def update_athlete(
    athlete_id: PathId, data: AthleteUpdate, actor: CurrentActor, session: Db
) -> AthleteRead:
    """Change an athlete's physiology, availability or preferences."""
    return users.update_athlete(session, actor, athlete_id, data)
