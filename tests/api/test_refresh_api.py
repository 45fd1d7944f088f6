"""Queued refresh through the API: the athlete is answered at once, the coach after the worker."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason import worker
from runseason.config import reset_settings_cache
from runseason.db import session as session_module
from runseason.db.models import CheckIn
from tests.factories import NOW, World

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
    client: TestClient,
    headers: dict[str, dict[str, str]],
    world: World,
    db: Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = db.get_bind().engine
    queued = session_module._write_gates.get(engine)
    if engine.dialect.name != "sqlite":  # row locks serialize PostgreSQL's writers per athlete
        assert queued is None
        return
    assert queued is not None
    monkeypatch.setattr(queued, "timeout", 0.2)
    with queued.turn:  # another writer of this process holds the turn for longer than the timeout
        answer = client.post(
            f"/api/v1/athletes/{world.riley.id}/checkins", json=PAIN, headers=headers["riley"]
        )
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "1"
    assert answer.json()["error"] == "database_busy"
    assert db.scalar(select(func.count()).where(CheckIn.athlete_id == world.riley.id)) == 0
    retried = client.post(
        f"/api/v1/athletes/{world.riley.id}/checkins", json=PAIN, headers=headers["riley"]
    )
    assert retried.status_code == 201, retried.text
