"""The session library."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from fastapi.responses import JSONResponse

from runseason.api.deps import CurrentActor, Db, PageNumber, PageSize, PathId
from runseason.api.replay import Post
from runseason.api.router import Router
from runseason.schemas.common import Page
from runseason.schemas.library import (
    TemplateCreate,
    TemplatePreview,
    TemplateRead,
    TemplateUpdate,
    WorkoutPreviewAsk,
    WorkoutPreviewRead,
)
from runseason.services.plans import library

router = Router(tags=["library"])


@router.get("/templates", response_model=Page[TemplateRead])
def list_templates(
    actor: CurrentActor,
    session: Db,
    page: PageNumber = 1,
    page_size: PageSize = 25,
    category: Annotated[str | None, Query(max_length=40)] = None,
    phase: Annotated[str | None, Query(max_length=20)] = None,
    level: Annotated[str | None, Query(max_length=20)] = None,
    search: Annotated[str | None, Query(max_length=100)] = None,
) -> Page[TemplateRead]:
    """Browse the built-in and your organization's templates."""
    return library.list_templates(
        session,
        actor,
        category=category,
        phase=phase,
        level=level,
        search=search,
        page=page,
        page_size=page_size,
    )


@router.get("/templates/{template_id}", response_model=TemplateRead)
def get_template(template_id: PathId, actor: CurrentActor, session: Db) -> TemplateRead:
    """One template."""
    return library.get_template(session, actor, template_id)


@router.get("/templates/{template_id}/preview", response_model=TemplatePreview)
def preview(
    template_id: PathId, athlete_id: Annotated[int, Query(ge=1)], actor: CurrentActor, session: Db
) -> TemplatePreview:
    """A template resolved with an athlete's paces."""
    return library.preview_template(session, actor, template_id, athlete_id)


@router.post("/templates", response_model=TemplateRead, status_code=201)
def create_template(
    data: TemplateCreate,
    post: Post,
) -> JSONResponse:
    """Add a template to your organization's library."""
    return post.respond(
        data,
        lambda: library.create_template(post.session, post.actor, data),
    )


@router.post("/templates/{template_id}/clone", response_model=TemplateRead, status_code=201)
def clone_template(
    template_id: PathId,
    post: Post,
    code: Annotated[str | None, Query(max_length=80, pattern=r"^[a-z0-9][a-z0-9_-]*$")] = None,
) -> JSONResponse:
    """Copy a template into your library to adapt it."""
    return post.respond(
        {"template_id": template_id, "code": code},
        lambda: library.clone_template(post.session, post.actor, template_id, code=code),
    )


@router.patch("/templates/{template_id}", response_model=TemplateRead)
def update_template(
    template_id: PathId, data: TemplateUpdate, actor: CurrentActor, session: Db
) -> TemplateRead:
    """Change one of your own templates."""
    return library.update_template(session, actor, template_id, data)


@router.delete("/templates/{template_id}", response_model=TemplateRead)
def archive_template(template_id: PathId, actor: CurrentActor, session: Db) -> TemplateRead:
    """Archive one of your own templates."""
    return library.archive_template(session, actor, template_id)


# Not under /templates: PATCH or DELETE /templates/preview would reach /templates/{template_id}.
@router.post("/workout-previews", response_model=WorkoutPreviewRead)
def preview_workout(
    data: WorkoutPreviewAsk, actor: CurrentActor, session: Db
) -> WorkoutPreviewRead:
    """A workout structure (a template's, or one being written) resolved for one of your
    athletes: each step with their pace range and heart rate in bpm, and the total time and
    distance. Nothing is stored."""
    return library.preview_workout(session, actor, data)
