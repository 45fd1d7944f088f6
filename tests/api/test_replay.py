"""A POST with an Idempotency-Key is answered once; its repeat replays the stored answer."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import CaseNote
from tests.factories import World

Headers = dict[str, dict[str, str]]


def test_a_repeated_key_replays_without_writing_twice(
    client: TestClient, headers: Headers, world: World, db: Session
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/notes"
    keyed = {**headers["cole"], "Idempotency-Key": "note-once-0001"}
    first = client.post(path, json={"body": "Once"}, headers=keyed)
    again = client.post(path, json={"body": "Once"}, headers=keyed)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert first.headers["Idempotent-Replayed"] == "false"
    assert again.headers["Idempotent-Replayed"] == "true"
    assert db.scalar(select(func.count()).select_from(CaseNote)) == 1
    other = client.post(path, json={"body": "Other"}, headers=keyed)
    assert other.status_code == 409


def test_without_a_key_each_post_is_its_own(
    client: TestClient, headers: Headers, world: World, db: Session
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/notes"
    for _ in range(2):
        answer = client.post(path, json={"body": "Twice"}, headers=headers["cole"])
        assert answer.status_code == 201
        assert "Idempotent-Replayed" not in answer.headers
    assert db.scalar(select(func.count()).select_from(CaseNote)) == 2
