"""The API's threads: quick reads share a few, everything else runs on FastAPI's pool.

A quick read (``GET`` or ``HEAD``) is CPU work under the interpreter lock between short waits for
the database. Ten of them at once on FastAPI's forty threads take turns on the lock and stretch
every read's tail, so an API worker runs ``api_read_threads`` of them at a time (two by default),
first come first served. Writes stay on FastAPI's pool: one can wait inside its route for an
athlete's row lock, and must never hold a reader's thread. Routes that build a large file
(reports, data exports) are marked ``@long_request`` and stay on FastAPI's pool, in one
transaction, so a slow one never holds up a quick read. Waiting for SQLite's write lock and
ending a transaction have threads of their own: a request waiting for the lock never holds a
thread its holder needs.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from anyio import CapacityLimiter
from starlette.requests import Request

from runseason.config import get_settings

READ_METHODS = frozenset({"GET", "HEAD"})
_LONG = "runseason_long_request"
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Pools:
    """One event loop's thread limiters."""

    reads: CapacityLimiter
    lock_waits: CapacityLimiter
    endings: CapacityLimiter


_pools: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Pools] = weakref.WeakKeyDictionary()


def pools() -> Pools:
    """The running event loop's limiters (made on first use, with the settings' sizes)."""
    loop = asyncio.get_running_loop()
    found = _pools.get(loop)
    if found is None:
        size = get_settings().api_read_threads
        found = _pools[loop] = Pools(
            CapacityLimiter(size), CapacityLimiter(64), CapacityLimiter(16)
        )
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


def limiter_for(request: Request) -> CapacityLimiter | None:
    """The read threads for a quick read; ``None`` (FastAPI's pool) for anything else."""
    return pools().reads if quick_read(request) else None
