"""Logged sessions: by hand or imported from a device file, corrected, removed."""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import File, Form, Response, UploadFile
from fastapi.responses import JSONResponse

from runseason.api.deps import CurrentActor, Db, Now, PageNumber, PageSize, PathId
from runseason.api.replay import Post
from runseason.api.router import Router
from runseason.config import get_settings
from runseason.schemas.common import Page
from runseason.schemas.training import TrainingLogCreate, TrainingLogRead, TrainingLogUpdate
from runseason.services import activity_import, training

router = Router(tags=["athletes"])


@router.post("/athletes/{athlete_id}/logs", status_code=201)
def log_session(
    athlete_id: PathId,
    data: TrainingLogCreate,
    post: Post,
) -> JSONResponse:
    """Log a post.session by hand; implausible values are refused naming the field (a coach may
    confirm an unusual one with ``confirm_unusual``)."""
    return post.respond(
        data,
        lambda: training.log_session(post.session, post.actor, athlete_id, data, now=post.now),
    )


@router.post("/athletes/{athlete_id}/logs/upload", response_model=TrainingLogRead, status_code=201)
def upload_activity(
    athlete_id: PathId,
    post: Post,
    file: Annotated[UploadFile, File(description="A FIT, GPX or TCX file.")],
    rpe: Annotated[float | None, Form(ge=0, le=10)] = None,
    confirm_unusual: Annotated[
        bool, Form(description="A coach confirms an unusual duration, distance or pace as real.")
    ] = False,
) -> JSONResponse:
    """Import a device file as a logged session (duplicates and implausible values are refused;
    a retry with the same ``Idempotency-Key`` and file replays the first answer)."""
    limit = get_settings().max_upload_bytes
    content = file.file.read(limit + 1)
    filename = file.filename or "activity"
    fingerprint = {
        "filename": filename,
        "sha256": hashlib.sha256(content).hexdigest(),
        "rpe": rpe,
        "confirm_unusual": confirm_unusual,
    }
    return post.respond(
        fingerprint,
        lambda: activity_import.import_activity(
            post.session,
            post.actor,
            athlete_id,
            filename,
            content,
            now=post.now,
            rpe=rpe,
            confirm_unusual=confirm_unusual,
        ),
    )


@router.get("/athletes/{athlete_id}/logs", response_model=Page[TrainingLogRead])
def list_logs(
    athlete_id: PathId,
    actor: CurrentActor,
    session: Db,
    page: PageNumber = 1,
    page_size: PageSize = 30,
) -> Page[TrainingLogRead]:
    """Logged sessions, newest first."""
    return training.list_logs(session, actor, athlete_id, page=page, page_size=page_size)


@router.patch("/logs/{log_id}", response_model=TrainingLogRead)
def update_log(
    log_id: PathId, data: TrainingLogUpdate, actor: CurrentActor, session: Db, now: Now
) -> TrainingLogRead:
    """Correct a logged session."""
    return training.update_log(session, actor, log_id, data, now=now)


@router.delete("/logs/{log_id}", status_code=204)
def delete_log(log_id: PathId, actor: CurrentActor, session: Db, now: Now) -> Response:
    """Remove a logged session."""
    training.delete_log(session, actor, log_id, now=now)
    return Response(status_code=204)
