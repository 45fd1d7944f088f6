"""Request dependencies: one transaction per request, the signed-in actor, the clock, paging."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextvars import ContextVar
from datetime import datetime
from typing import Annotated, Literal

from anyio import to_thread
from fastapi import Depends, Header, Path, Query, Request
from sqlalchemy.orm import Session

from runseason.api import csrf, threads
from runseason.config import get_settings
from runseason.db.session import begin_writes, session_scope
from runseason.db.types import utcnow
from runseason.errors import AuthenticationFailed, InvalidInput, PasswordChangeRequired
from runseason.schemas.common import Day
from runseason.services.identity import access, auth, ratelimit, tokens
from runseason.services.identity.access import Actor
from runseason.services.paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ListWindow

SESSION_COOKIE = "rs_session"


class RequestSession:
    """The request's session and its use-case scope, ended once, by whichever gets there first:
    the route's own thread (``api.router``) or, when the route never ran, the dependency.

    A changing request takes its turn to write on the route's thread, just before the route
    runs, and gives it back there when the session ends: the turn is never held across a hand-off
    between threads, where it would wait for the event loop while other writers wait for it.
    """

    def __init__(self, quick: bool) -> None:
        self.quick = quick
        self.scope = session_scope(autocommit=quick)
        self.session = self.scope.__enter__()
        self.ended = False
        self.writes_first = False

    def begin(self) -> None:
        """Before the route runs: a changing request's transaction becomes a writing one."""
        if self.writes_first:
            begin_writes(self.session)

    def end(self, error: BaseException | None = None) -> None:
        """Commit (or roll back on ``error``) and close, the first time only."""
        if self.ended:
            return
        self.ended = True
        if error is None:
            self.scope.__exit__(None, None, None)
        else:
            self.scope.__exit__(type(error), error, error.__traceback__)

    async def end_from_loop(self, error: BaseException | None = None) -> None:
        """``end`` from the event loop: a quick read's there (autocommit has nothing left to
        send), any other on a thread (a commit waits for the database)."""
        if self.quick or self.ended:
            self.end(error)
        else:
            await to_thread.run_sync(self.end, error, limiter=threads.endings())


_request_session: ContextVar[RequestSession | None] = ContextVar(
    "runseason_request_session", default=None
)


def begin_request_session() -> None:
    """Begin the running request's route (on its thread): its turn to write, if it changes."""
    opened = _request_session.get()
    if opened is not None:
        opened.begin()


def end_request_session(error: BaseException | None = None) -> None:
    """End the running request's session, if it has one (a route's thread, when it returns)."""
    opened = _request_session.get()
    if opened is not None:
        opened.end(error)


async def db_session(request: Request) -> AsyncIterator[Session]:
    """One use-case, one transaction: committed when the route returns, rolled back if it raises.

    A quick read runs in autocommit (``session_scope``) on the event loop. Opening the session
    does no I/O; a route on a thread ends it there (``api.router``).
    """
    opened = RequestSession(threads.quick_read(request))
    _request_session.set(opened)
    try:
        yield opened.session
    except BaseException as error:
        await opened.end_from_loop(error)
        raise
    await opened.end_from_loop()


async def now() -> datetime:
    """The clock (tests override it to move time).

    Dependencies that never block are ``async``: FastAPI runs a plain ``def`` dependency in the
    thread pool, and each such hand-off costs the event loop and the thread a wake-up.
    """
    return utcnow()


Db = Annotated[Session, Depends(db_session, scope="function")]
Now = Annotated[datetime, Depends(now)]


def _authenticate(request: Request, session: Session, moment: datetime) -> tuple[Actor, bool]:
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        return tokens.actor_from_access_token(session, authorization[7:].strip(), now=moment)
    api_key = request.headers.get("x-api-key")
    if api_key:
        return tokens.actor_from_api_key(session, api_key, now=moment), False
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        csrf.require_this_site(request)
        actor = auth.resolve_session(session, cookie, now=moment)
        return actor, auth.password_change_required(session, actor)
    raise AuthenticationFailed(
        "Sign in first: send a Bearer token, an X-API-Key or the session cookie."
    )


def _limit(actor: Actor, request: Request) -> None:
    s = get_settings().security
    key = (
        f"api:user:{actor.user_id}"
        if "x-api-key" not in request.headers
        else f"api:key:{actor.user_id}"
    )
    rate = s.api_rate_per_user if key.startswith("api:user") else s.api_rate_per_key
    ratelimit.enforce(key, rate, "Too many requests; slow down and retry shortly.")


async def signed_in_actor(request: Request, session: Db, moment: Now) -> tuple[Actor, bool]:
    """The actor and whether they still must change a temporary password (a quick read's on
    the event loop, any other request's on FastAPI's pool)."""
    if threads.quick_read(request):
        return _sign_in(request, session, moment)
    return await to_thread.run_sync(_sign_in, request, session, moment)


def _sign_in(request: Request, session: Session, moment: datetime) -> tuple[Actor, bool]:
    with session.no_autoflush:  # signing in writes nothing: a last use goes with the route's work
        actor, must_change = _authenticate(request, session, moment)
    _limit(actor, request)
    access.bind(actor)
    request.state.actor = actor  # the error handler and the request log run outside this thread
    session.info["actor_user_id"] = actor.user_id
    return actor, must_change


async def writing_actor(
    found: Annotated[tuple[Actor, bool], Depends(signed_in_actor)], request: Request
) -> tuple[Actor, bool]:
    """``signed_in_actor``; a changing request's route takes its turn to write first (SQLite)."""
    opened = _request_session.get()
    if opened is not None and request.method not in csrf.SAFE_METHODS:
        opened.writes_first = True
    return found


async def current_actor(found: Annotated[tuple[Actor, bool], Depends(writing_actor)]) -> Actor:
    """The signed-in actor, refused until a temporary password has been changed."""
    actor, must_change = found
    if must_change:
        raise PasswordChangeRequired(
            "Change your temporary password first (POST /api/v1/auth/password)."
        )
    return actor


CurrentActor = Annotated[Actor, Depends(current_actor)]
AnyActor = Annotated[tuple[Actor, bool], Depends(writing_actor)]
# Ids are 64-bit in the database: a larger number in a path names nothing, and says so (422).
PathId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The object's id.")]
PageNumber = Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1.")]
PageSize = Annotated[int, Query(ge=1, le=200, description="Items per page (at most 200).")]
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]
Bucket = Annotated[Literal["at_risk", "watch", "stable"] | None, Query()]


async def if_match_version(
    value: Annotated[
        str | None,
        Header(
            alias="If-Match", max_length=40, description='The plan version, as in its ETag: "3".'
        ),
    ] = None,
) -> int | None:
    """The version an ``If-Match`` header names (an ETag ``"3"``, weak or not), if any."""
    if value is None:
        return None
    tag = value.strip().removeprefix("W/").strip('"')
    if not tag.isdigit() or not 1 <= int(tag) <= 2**31:
        raise InvalidInput('If-Match must be the plan version as its ETag gives it, e.g. "3".')
    return int(tag)


IfMatch = Annotated[int | None, Depends(if_match_version)]


async def list_window(
    page: PageNumber = 1,
    page_size: Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description="Items per page (at most 200).")
    ] = DEFAULT_PAGE_SIZE,
    from_date: Annotated[
        Day | None, Query(alias="from", description="First day (YYYY-MM-DD), included.")
    ] = None,
    to_date: Annotated[
        Day | None, Query(alias="to", description="Last day (YYYY-MM-DD), included.")
    ] = None,
) -> ListWindow:
    """The page and date range a list is asked for."""
    return ListWindow(page, page_size, from_date, to_date)


Window = Annotated[ListWindow, Depends(list_window)]


def client_ip(request: Request) -> str:
    """The caller's address (the direct peer; put a trusted proxy's header handling in front)."""
    return request.client.host if request.client else "unknown"
