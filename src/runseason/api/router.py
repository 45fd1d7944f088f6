"""The API's router: a quick read runs on the event loop, any other route on one thread.

FastAPI runs a plain ``def`` endpoint on the thread pool, then validates its answer on the pool
again and ends the request's session on a third hand-off. ``Router`` registers each plain ``def``
route behind an ``async`` wrapper: a quick read (``api.threads``) runs on the event loop; any other
route runs on a thread once, and ends its session there, before it returns. FastAPI then
validates and serializes the answer on the event loop, as it does for every ``async`` route.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from anyio import to_thread
from fastapi import APIRouter

from runseason.api import deps, threads


def as_coroutine(endpoint: Callable[..., Any], *, read: bool = False) -> Callable[..., Any]:
    """``endpoint`` as a coroutine (``async`` ones as they are): a quick read runs on the event
    loop; any other runs on FastAPI's pool and ends the request's session on its thread."""
    if inspect.iscoroutinefunction(endpoint):
        return endpoint
    if read:

        @functools.wraps(endpoint)  # FastAPI reads the parameters through ``__wrapped__``
        async def on_loop(*args: Any, **kwargs: Any) -> Any:
            return endpoint(*args, **kwargs)

        return on_loop

    @functools.wraps(endpoint)
    async def run(*args: Any, **kwargs: Any) -> Any:
        return await to_thread.run_sync(functools.partial(_ended, endpoint, args, kwargs))

    return run


def _ended(endpoint: Callable[..., Any], args: Any, kwargs: dict[str, Any]) -> Any:
    """Begin the request's session, run ``endpoint``, then end the session, all on one thread."""
    try:
        deps.begin_request_session()
        answer = endpoint(*args, **kwargs)
    except BaseException as error:
        deps.end_request_session(error)
        raise
    deps.end_request_session()
    return answer


class Router(APIRouter):
    """``APIRouter`` whose plain ``def`` routes take one thread hand-off at most, not three."""

    def add_api_route(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        """Register ``endpoint`` (wrapped by ``as_coroutine``) at ``path``."""
        read = threads.is_quick_read(kwargs.get("methods") or ["GET"], endpoint)
        super().add_api_route(path, as_coroutine(endpoint, read=read), **kwargs)
