"""Where the API's work runs: quick reads on the event loop, everything else on a thread.

A quick read (``GET`` or ``HEAD``) is CPU work under the interpreter lock between short waits for
the database, so an API worker runs it on its event loop from sign-in to answer, one at a time:
every hand-off to a thread and back passes the interpreter lock between two threads, and three of
them cost more than the read itself. A quick read never waits for a lock; its only write is its
bookkeeping (a session's or an API key's last use, once a minute). Writes run on FastAPI's pool
(one can wait inside its route for an athlete's row lock), their session ending on the route's
thread, so a connection goes back to the pool without waiting for the event loop. Routes that
build a large file (reports, data exports) are marked ``@long_request`` and run on the pool too, in
one transaction, so a slow one never holds up the loop. A write waits for SQLite's write lock on
its route's thread and gives it back there, so the lock's holder never needs another thread.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from anyio import CapacityLimiter
from starlette.requests import Request

READ_METHODS = frozenset({"GET", "HEAD"})
_LONG = "runseason_long_request"
F = TypeVar("F", bound=Callable[..., Any])


_endings: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, CapacityLimiter] = (
    weakref.WeakKeyDictionary()
)


def endings() -> CapacityLimiter:
    """The running event loop's threads for ending a session whose route never ran."""
    loop = asyncio.get_running_loop()
    found = _endings.get(loop)
    if found is None:
        found = _endings[loop] = CapacityLimiter(16)
    return found


def long_request(endpoint: F) -> F:
    """Mark a read route that builds a file: it runs on FastAPI's pool, in one transaction."""
    setattr(endpoint, _LONG, True)
    return endpoint


def is_quick_read(methods: Iterable[str], endpoint: Callable[..., Any] | None) -> bool:
    """Whether a route answering ``methods`` with ``endpoint`` is a quick read."""
    return set(methods) <= READ_METHODS and not getattr(endpoint, _LONG, False)


def quick_read(request: Request) -> bool:
    """Whether the request is a quick read (its route's endpoint is known once it is routed)."""
    return is_quick_read([request.method], request.scope.get("endpoint"))
