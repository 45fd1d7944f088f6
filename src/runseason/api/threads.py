"""The API's worker threads: a few for short requests, and pools of their own for the rest.

Short requests (sign-in, reads, edits) are CPU work under one interpreter lock: two threads a
worker keep it busy while one waits for the database, and more only take turns on the lock, which
stretches every request's tail. Long requests (files, exports, reports), waits for SQLite's write
lock and transaction endings each have a pool of their own, so none of them holds up a short one.
"""

from __future__ import annotations

import asyncio
import functools
import weakref
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from anyio import CapacityLimiter, to_thread

from runseason.config import get_settings

Pool = Literal["short", "long", "lock", "ending"]
T = TypeVar("T")

_pools: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[Pool, CapacityLimiter]] = (
    weakref.WeakKeyDictionary()
)


def _sizes() -> dict[Pool, int]:
    settings = get_settings()
    return {
        "short": settings.api_threads,
        "long": settings.api_long_threads,
        "lock": 64,
        "ending": 16,
    }


def pool(name: Pool) -> CapacityLimiter:
    """The running event loop's pool ``name`` (made on first use, with the settings' sizes)."""
    loop = asyncio.get_running_loop()
    found = _pools.get(loop)
    if found is None:
        found = _pools[loop] = {key: CapacityLimiter(size) for key, size in _sizes().items()}
    return found[name]


async def run(name: Pool, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``func(*args, **kwargs)`` on a thread of the pool ``name``."""
    return await to_thread.run_sync(functools.partial(func, *args, **kwargs), limiter=pool(name))


def long_request(endpoint: Callable[..., T]) -> Callable[..., T]:
    """Mark a route that reads or writes a file, or builds one: it runs in the long pool."""
    endpoint.__dict__["runseason_pool"] = "long"
    return endpoint


def pool_of(endpoint: Callable[..., Any]) -> Pool:
    """The pool a route runs in: ``long`` where marked by ``long_request``, else ``short``."""
    return "long" if getattr(endpoint, "runseason_pool", None) == "long" else "short"
