"""Who is acting and on which request: context variables shared by logging and the audit trail.

Entry points bind these once per request, UI run or CLI command; the audit listener in the database
layer and every log line read them, so no service has to pass them around.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

import structlog


@dataclass(frozen=True, slots=True)
class RequestContext:
    """The request (or job) id and the acting user, when there is one."""

    request_id: str | None
    user_id: int | None
    organization_id: int | None


_request_id: ContextVar[str | None] = ContextVar("runseason_request_id", default=None)
_user_id: ContextVar[int | None] = ContextVar("runseason_user_id", default=None)
_organization_id: ContextVar[int | None] = ContextVar("runseason_organization_id", default=None)


def new_request_id() -> str:
    """A short random id that ties the log lines and audit rows of one request together."""
    return secrets.token_hex(8)


def current() -> RequestContext:
    """The context bound for the running request or job."""
    return RequestContext(_request_id.get(), _user_id.get(), _organization_id.get())


def bind_actor(user_id: int | None, organization_id: int | None) -> None:
    """Record who is acting, for the audit trail and the logs."""
    _user_id.set(user_id)
    _organization_id.set(organization_id)
    structlog.contextvars.bind_contextvars(user_id=user_id)


@contextlib.contextmanager
def request_scope(
    request_id: str | None = None, *, kind: str = "request_id"
) -> Iterator[RequestContext]:
    """Bind a fresh request (or job) id and clear the actor for the duration of the block."""
    rid = request_id or new_request_id()
    tokens = (_request_id.set(rid), _user_id.set(None), _organization_id.set(None))
    with structlog.contextvars.bound_contextvars(**{kind: rid}):
        try:
            yield current()
        finally:
            _organization_id.reset(tokens[2])
            _user_id.reset(tokens[1])
            _request_id.reset(tokens[0])
            structlog.contextvars.unbind_contextvars("user_id")
