"""Request dependencies that never block run on the event loop, not in the thread pool."""

from __future__ import annotations

import inspect
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.orm import Session

from runseason.api import deps
from tests.factories import World


def test_non_blocking_dependencies_skip_the_thread_pool() -> None:
    # FastAPI hands every plain ``def`` dependency to a worker thread: a wake-up of the thread
    # and of the event loop per dependency per request. The clock and the password-change check
    # do no I/O, so they are coroutines; the database session and signing in stay in threads.
    assert inspect.iscoroutinefunction(deps.now)
    assert inspect.iscoroutinefunction(deps.current_actor)
    assert not inspect.iscoroutinefunction(deps.signed_in_actor)
    assert inspect.isasyncgenfunction(deps.db_session)  # opened on the loop where it can be


def test_a_token_is_resolved_to_the_user_and_their_profile_in_one_read(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, db: Session
) -> None:
    engine = db.get_bind().engine
    statements: list[str] = []

    def seen(*args: Any) -> None:
        statements.append(" ".join(str(args[2]).split()))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        mine = client.get("/api/v1/me", headers=headers["riley"])
        staff = client.get("/api/v1/me", headers=headers["cole"])
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert mine.status_code == 200, mine.text
    assert mine.json()["athlete_id"] == world.riley.id
    assert staff.status_code == 200, staff.text
    assert staff.json()["athlete_id"] is None
    # Each request signs in with one statement: the user, joined to their athlete profile.
    sign_ins = [s for s in statements if "LEFT OUTER JOIN athletes" in s and "FROM users" in s]
    assert len(sign_ins) == 2
    assert not [s for s in statements if s.startswith("SELECT athletes.id FROM athletes")]
