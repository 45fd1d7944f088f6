"""Queued refresh through the API: the athlete is answered at once, the coach after the worker."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from runseason import worker
from runseason.api.app import create_app
from runseason.config import reset_settings_cache
from runseason.db.models import CheckIn
from runseason.db.session import use_session_factory, write_lock_of
from tests.api.conftest import login
from tests.dbutil import migrated_factory
from tests.factories import NOW, World, make_world

PAIN = {
    "sleep_quality": 2,
    "energy": 2,
    "recovery": 2,
    "stress": 2,
    "pain_severity": 6,
    "pain_location": "left knee",
}


def _pain_items(client: TestClient, coach: dict[str, str], athlete_id: int) -> list[object]:
    response = client.get("/api/v1/command-center", headers=coach)
    assert response.status_code == 200, response.text
    return [
        item
        for item in response.json()["items"]
        if item["intervention"]["athlete_id"] == athlete_id
        and item["intervention"]["cause"] == "pain"
    ]


def test_a_queued_check_in_reaches_the_coach_after_the_worker_runs(
    client: TestClient,
    headers: dict[str, dict[str, str]],
    world: World,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RUNSEASON_METRICS_REFRESH", "queued")
    reset_settings_cache()
    try:
        answer = client.post(
            f"/api/v1/athletes/{world.riley.id}/checkins", json=PAIN, headers=headers["riley"]
        )
        assert answer.status_code == 201, answer.text
        body = answer.json()
        assert body["checkin"]["readiness_band"] is not None
        assert body["briefing"]["decision"]  # the athlete's answer does not wait for the worker
        assert _pain_items(client, headers["asha"], world.riley.id) == []
        assert worker.drain(now=lambda: NOW) == 1
        assert len(_pain_items(client, headers["asha"], world.riley.id)) == 1
    finally:
        monkeypatch.undo()
        reset_settings_cache()


def test_a_check_in_queued_past_the_busy_timeout_is_a_clear_503_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with migrated_factory(tmp_path, "busy") as (engine, factory):
        with factory() as session:
            world = make_world(session)
            riley, email = world.riley.id, world.user_of(world.riley, session).email
            session.commit()
        lock = write_lock_of(engine)
        if engine.dialect.name != "sqlite":  # row locks serialize PostgreSQL's writers per athlete
            assert lock is None
            return
        assert lock is not None
        use_session_factory(factory)
        try:
            with TestClient(create_app(), raise_server_exceptions=False) as client:
                headers = login(client, email)
                monkeypatch.setattr(lock, "timeout", 0.2)
                with lock.turn:  # another writer of this process holds the lock for too long
                    answer = client.post(
                        f"/api/v1/athletes/{riley}/checkins", json=PAIN, headers=headers
                    )
                assert answer.status_code == 503
                assert answer.headers["Retry-After"] == "1"
                assert answer.json()["error"] == "database_busy"
                with factory() as session:
                    count = select(func.count()).where(CheckIn.athlete_id == riley)
                    assert session.scalar(count) == 0
                retried = client.post(
                    f"/api/v1/athletes/{riley}/checkins", json=PAIN, headers=headers
                )
                assert retried.status_code == 201, retried.text
        finally:
            use_session_factory(None)
