"""Check-ins over HTTP: the morning answer carries readiness and today's briefing."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import World

Headers = dict[str, dict[str, str]]
MORNING = {"sleep_quality": 4, "energy": 4, "recovery": 4, "stress": 2}


def test_a_check_in_is_answered_with_readiness_and_a_briefing(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/checkins"
    answer = client.post(path, json=MORNING, headers=headers["greta"])
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["checkin"]["readiness_score"] is not None
    assert body["briefing"]["decision"]
    listed = client.get(path, headers=headers["cole"]).json()
    assert [c["id"] for c in listed["items"]] == [body["checkin"]["id"]]


def test_a_check_in_is_read_and_corrected(
    client: TestClient, headers: Headers, world: World
) -> None:
    posted = client.post(
        f"/api/v1/athletes/{world.greta.id}/checkins", json=MORNING, headers=headers["greta"]
    ).json()["checkin"]
    path = f"/api/v1/checkins/{posted['id']}"
    assert client.get(path, headers=headers["greta"]).json()["energy"] == 4
    corrected = client.put(path, json={**MORNING, "energy": 1}, headers=headers["greta"])
    assert corrected.status_code == 200, corrected.text
    assert client.get(path, headers=headers["cole"]).json()["energy"] == 1


def test_an_out_of_range_answer_is_refused_by_name(
    client: TestClient, headers: Headers, world: World
) -> None:
    refused = client.post(
        f"/api/v1/athletes/{world.greta.id}/checkins",
        json={**MORNING, "sleep_quality": 9},
        headers=headers["greta"],
    )
    assert refused.status_code == 422
    assert "sleep_quality" in refused.text
