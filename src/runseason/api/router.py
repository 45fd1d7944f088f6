"""The API's router: a plain ``def`` route runs on one thread, its answer checked on the loop.

FastAPI runs a plain ``def`` endpoint on the thread pool and then validates its answer on the
pool again, a second hand-off for a check that costs microseconds. ``Router`` registers each
plain ``def`` route behind an ``async`` wrapper that runs the route on a thread once (a quick
read's on the read threads, ``api.threads``); FastAPI then validates and serializes the answer on
the event loop, as it does for every ``async`` route.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from anyio import to_thread
from fastapi import APIRouter

from runseason.api import threads


def on_one_thread(endpoint: Callable[..., Any], *, read: bool = False) -> Callable[..., Any]:
    """``endpoint`` as a coroutine that runs it on a worker thread (``async`` ones as they are):
    a quick read's on the read threads, any other on FastAPI's pool."""
    if inspect.iscoroutinefunction(endpoint):
        return endpoint

    @functools.wraps(endpoint)  # FastAPI reads the parameters through ``__wrapped__``
    async def run(*args: Any, **kwargs: Any) -> Any:
        limiter = threads.pools().reads if read else None
        return await to_thread.run_sync(
            functools.partial(endpoint, *args, **kwargs), limiter=limiter
        )

    return run


class Router(APIRouter):
    """``APIRouter`` whose plain ``def`` routes take one thread hand-off, not two."""

    def add_api_route(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        """Register ``endpoint`` (wrapped by ``on_one_thread``) at ``path``."""
        read = threads.is_quick_read(kwargs.get("methods") or ["GET"], endpoint)
        super().add_api_route(path, on_one_thread(endpoint, read=read), **kwargs)
