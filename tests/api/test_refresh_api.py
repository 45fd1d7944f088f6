"""Queued refresh through the API: the athlete is answered at once, the coach after the worker."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from runseason import worker
from runseason.config import reset_settings_cache
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
