"""Request dependencies that never block run on the event loop, not in the thread pool."""

from __future__ import annotations

import inspect

from runseason.api import deps


def test_non_blocking_dependencies_skip_the_thread_pool() -> None:
    # FastAPI hands every plain ``def`` dependency to a worker thread: a wake-up of the thread
    # and of the event loop per dependency per request. The clock and the password-change check
    # do no I/O, so they are coroutines; the database session and signing in stay in threads.
    assert inspect.iscoroutinefunction(deps.now)
    assert inspect.iscoroutinefunction(deps.current_actor)
    assert not inspect.iscoroutinefunction(deps.signed_in_actor)
    assert inspect.isgeneratorfunction(deps.db_session)
