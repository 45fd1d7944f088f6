"""A repeated Idempotency-Key replays the stored answer instead of writing twice."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from runseason.errors import Conflict, InvalidInput
from runseason.services.idempotency import body_hash, run_once
from tests.factories import NOW, World, actor


def test_the_same_request_is_answered_once_and_replayed(db: Session, world: World) -> None:
    calls: list[int] = []

    def produce() -> tuple[int, dict[str, int]]:
        calls.append(1)
        return 201, {"id": len(calls)}

    coach = actor(db, world.cole)
    first = run_once(db, coach, "key-0001", "POST", "/x", {"a": 1}, produce, now=NOW)
    again = run_once(db, coach, "key-0001", "POST", "/x", {"a": 1}, produce, now=NOW)
    assert first == (201, {"id": 1}, False)
    assert again == (201, {"id": 1}, True)
    assert len(calls) == 1


def test_a_key_reused_for_another_request_or_too_short_is_refused(
    db: Session, world: World
) -> None:
    coach = actor(db, world.cole)
    run_once(db, coach, "key-0002", "POST", "/x", {"a": 1}, lambda: (201, {}), now=NOW)
    with pytest.raises(Conflict):
        run_once(db, coach, "key-0002", "POST", "/x", {"a": 2}, lambda: (201, {}), now=NOW)
    with pytest.raises(InvalidInput):
        run_once(db, coach, "short", "POST", "/x", {}, lambda: (201, {}), now=NOW)


def test_the_body_hash_ignores_key_order() -> None:
    assert body_hash({"a": 1, "b": 2}) == body_hash({"b": 2, "a": 1})
    assert body_hash({"a": 1}) != body_hash({"a": 2})
