"""Race goals over HTTP."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import World

Headers = dict[str, dict[str, str]]


def test_a_goal_is_added_and_listed(client: TestClient, headers: Headers, world: World) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/goals"
    goal = {"name": "Spring 10K", "distance_m": 10000, "race_date": "2027-04-18"}
    created = client.post(path, json=goal, headers=headers["cole"])
    assert created.status_code == 201, created.text
    assert [g["name"] for g in client.get(path, headers=headers["greta"]).json()["items"]] == [
        "Spring 10K"
    ]
    short = client.post(path, json={**goal, "distance_m": 100}, headers=headers["cole"])
    assert short.status_code == 422
    assert "distance_m" in short.text
