"""A session's comment thread at the boundary: what is written and what a reader sees."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from runseason.schemas.common import Input, Output

COMMENT_MAX_CHARS = 2000
ROLE_WORDS = {"athlete": "athlete", "coach": "coach", "admin": "coach"}


class CommentCreate(Input):
    """A message in a session's thread (text only, trimmed; 1 to 2000 characters)."""

    body: str = Field(min_length=1, max_length=COMMENT_MAX_CHARS)


class CommentUpdate(Input):
    """A new wording of one's own message."""

    body: str = Field(min_length=1, max_length=COMMENT_MAX_CHARS)


class CommentRead(Output):
    """One message of a thread: who wrote it and when, in the reader's time zone.

    ``author_role`` is "athlete" or "coach" (an admin answers as the coach); ``mine`` says whether
    the reader wrote it (and so may change or remove it); ``edited`` whether it was changed.
    """

    id: int
    athlete_id: int
    planned_session_id: int | None
    training_log_id: int | None
    author_name: str
    author_role: str
    mine: bool
    body: str
    created_at: datetime
    created_local: datetime
    edited: bool
