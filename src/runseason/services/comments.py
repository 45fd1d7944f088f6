"""Comment threads on sessions: the athlete and their coaches talk about one planned or logged
session ("legs heavy on the last rep" / "good, keep the reps at 4:05 next week").

Who may read and write a thread is who may see the session's athlete: the athlete, their coaches
and the organization's admins; anyone else gets ``NotFound``. A message is changed or removed only
by its author. Threads read oldest first, each message with its author's name and its time in the
reader's own time zone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession, SessionComment, TrainingLog, User
from runseason.errors import PermissionDenied
from runseason.schemas.comments import ROLE_WORDS, CommentCreate, CommentRead, CommentUpdate
from runseason.schemas.common import Page
from runseason.services.identity.access import Actor, get_owned, use_case
from runseason.services.paging import EVERYTHING, ListWindow, page_offset

_ZONE_OF = select(User.timezone).where(User.id == bindparam("user"))


def _zone(session: Session, actor: Actor) -> ZoneInfo:
    """The reader's time zone (their account's), UTC when unknown."""
    return ZoneInfo(session.scalar(_ZONE_OF, {"user": actor.user_id}) or "UTC")


def _read(row: SessionComment, author: User | None, actor: Actor, zone: ZoneInfo) -> CommentRead:
    return CommentRead(
        id=row.id,
        athlete_id=row.athlete_id,
        planned_session_id=row.planned_session_id,
        training_log_id=row.training_log_id,
        author_name=author.full_name if author else "Former member",
        author_role=ROLE_WORDS.get(author.role, "coach") if author else "coach",
        mine=row.author_id == actor.user_id,
        body=row.body,
        created_at=row.created_at,
        created_local=row.created_at.astimezone(zone),
        edited=row.updated_at > row.created_at,
    )


def _add(
    session: Session,
    actor: Actor,
    owner: PlannedSession | TrainingLog,
    data: CommentCreate,
    now: datetime,
) -> CommentRead:
    planned = isinstance(owner, PlannedSession)
    row = SessionComment(
        organization_id=owner.organization_id,
        athlete_id=owner.athlete_id,
        planned_session_id=owner.id if planned else None,
        training_log_id=None if planned else owner.id,
        author_id=actor.user_id,
        body=data.body,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return _read(row, session.get(User, actor.user_id), actor, _zone(session, actor))


def _thread(session: Session, actor: Actor, where: Any, window: ListWindow) -> Page[CommentRead]:
    offset = page_offset(window.page, window.page_size)
    total = session.scalar(select(func.count(SessionComment.id)).where(where)) or 0
    query = (
        select(SessionComment, User)
        .outerjoin(User, User.id == SessionComment.author_id)
        .where(where)
        .order_by(SessionComment.created_at, SessionComment.id)
        .offset(offset)
        .limit(window.page_size)
    )
    zone = _zone(session, actor)
    items = [_read(row, author, actor, zone) for row, author in session.execute(query)]
    return Page[CommentRead](items=items, page=window.page, page_size=window.page_size, total=total)


@use_case("planned_session", writes=True)
def add_session_comment(
    session: Session, actor: Actor, session_id: int, data: CommentCreate, *, now: datetime
) -> CommentRead:
    """Add a message to a planned session's thread (the athlete, their coaches, admins)."""
    planned = get_owned(session, actor, PlannedSession, session_id, write=True)
    return _add(session, actor, planned, data, now)


@use_case("training_log", writes=True)
def add_log_comment(
    session: Session, actor: Actor, log_id: int, data: CommentCreate, *, now: datetime
) -> CommentRead:
    """Add a message to a logged session's thread."""
    log = get_owned(session, actor, TrainingLog, log_id, write=True)
    return _add(session, actor, log, data, now)


@use_case("planned_session")
def list_session_comments(
    session: Session, actor: Actor, session_id: int, window: ListWindow = EVERYTHING
) -> Page[CommentRead]:
    """A planned session's thread, oldest first, a page at a time."""
    planned = get_owned(session, actor, PlannedSession, session_id)
    return _thread(session, actor, SessionComment.planned_session_id == planned.id, window)


@use_case("training_log")
def list_log_comments(
    session: Session, actor: Actor, log_id: int, window: ListWindow = EVERYTHING
) -> Page[CommentRead]:
    """A logged session's thread, oldest first, a page at a time."""
    log = get_owned(session, actor, TrainingLog, log_id)
    return _thread(session, actor, SessionComment.training_log_id == log.id, window)


def _own(session: Session, actor: Actor, comment_id: int) -> SessionComment:
    row = get_owned(session, actor, SessionComment, comment_id, write=True)
    if row.author_id != actor.user_id:
        raise PermissionDenied("only its author may change or remove a message")
    return row


@use_case("session_comment", writes=True)
def edit_comment(
    session: Session, actor: Actor, comment_id: int, data: CommentUpdate, *, now: datetime
) -> CommentRead:
    """Reword one's own message (it then shows as edited)."""
    row = _own(session, actor, comment_id)
    row.body = data.body
    row.updated_at = now
    session.flush()
    return _read(row, session.get(User, actor.user_id), actor, _zone(session, actor))


@use_case("session_comment", writes=True)
def delete_comment(session: Session, actor: Actor, comment_id: int) -> CommentRead:
    """Remove one's own message from its thread; returns what was removed."""
    row = _own(session, actor, comment_id)
    removed = _read(row, session.get(User, actor.user_id), actor, _zone(session, actor))
    session.delete(row)
    session.flush()
    return removed
