"""Comment threads on sessions: the athlete and their coaches talk about one session."""

from __future__ import annotations

from fastapi import Response
from fastapi.responses import JSONResponse

from runseason.api.deps import CurrentActor, Db, Now, PathId, Window
from runseason.api.replay import Post
from runseason.api.router import Router
from runseason.schemas.comments import CommentCreate, CommentRead, CommentUpdate
from runseason.schemas.common import Page
from runseason.services import comments

router = Router(tags=["comments"])


@router.get("/planned-sessions/{session_id}/comments", response_model=Page[CommentRead])
def list_session_comments(
    session_id: PathId, actor: CurrentActor, session: Db, window: Window
) -> Page[CommentRead]:
    """A planned session's thread, oldest first, a page at a time, with the total (times also
    in the reader's time zone)."""
    return comments.list_session_comments(session, actor, session_id, window)


@router.post("/planned-sessions/{session_id}/comments", response_model=CommentRead, status_code=201)
def add_session_comment(session_id: PathId, data: CommentCreate, post: Post) -> JSONResponse:
    """Add a message to a planned session's thread (the athlete, their coaches or an admin)."""
    return post.respond(
        data,
        lambda: comments.add_session_comment(
            post.session, post.actor, session_id, data, now=post.now
        ),
    )


@router.get("/logs/{log_id}/comments", response_model=Page[CommentRead])
def list_log_comments(
    log_id: PathId, actor: CurrentActor, session: Db, window: Window
) -> Page[CommentRead]:
    """A logged session's thread, oldest first, a page at a time, with the total."""
    return comments.list_log_comments(session, actor, log_id, window)


@router.post("/logs/{log_id}/comments", response_model=CommentRead, status_code=201)
def add_log_comment(log_id: PathId, data: CommentCreate, post: Post) -> JSONResponse:
    """Add a message to a logged session's thread."""
    return post.respond(
        data,
        lambda: comments.add_log_comment(post.session, post.actor, log_id, data, now=post.now),
    )


@router.patch("/comments/{comment_id}", response_model=CommentRead)
def edit_comment(
    comment_id: PathId, data: CommentUpdate, actor: CurrentActor, session: Db, now: Now
) -> CommentRead:
    """Reword one's own message (only its author may)."""
    return comments.edit_comment(session, actor, comment_id, data, now=now)


@router.delete("/comments/{comment_id}", status_code=204)
def delete_comment(comment_id: PathId, actor: CurrentActor, session: Db) -> Response:
    """Remove one's own message (only its author may)."""
    comments.delete_comment(session, actor, comment_id)
    return Response(status_code=204)
