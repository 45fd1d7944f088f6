"""The Command Center over HTTP."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import World

Headers = dict[str, dict[str, str]]
PAIN = {"sleep_quality": 2, "energy": 2, "recovery": 2, "stress": 2, "pain_severity": 6}


def test_a_painful_morning_reaches_the_coach_s_queue(
    client: TestClient, headers: Headers, world: World
) -> None:
    posted = client.post(
        f"/api/v1/athletes/{world.riley.id}/checkins",
        json={**PAIN, "pain_location": "left knee"},
        headers=headers["riley"],
    )
    assert posted.status_code == 201, posted.text
    queue = client.get("/api/v1/command-center", headers=headers["asha"])
    assert queue.status_code == 200, queue.text
    athletes = {item["intervention"]["athlete_id"] for item in queue.json()["items"]}
    assert world.riley.id in athletes
    stable = client.get(
        "/api/v1/command-center", params={"bucket": "stable"}, headers=headers["asha"]
    )
    assert world.riley.id not in {i["intervention"]["athlete_id"] for i in stable.json()["items"]}
    assert (
        client.get(
            "/api/v1/command-center", params={"bucket": "x"}, headers=headers["asha"]
        ).status_code
        == 422
    )
