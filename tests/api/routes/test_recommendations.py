"""Recommendations over HTTP: preview the plan change, then decide once."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import World

Headers = dict[str, dict[str, str]]
PAIN = {"sleep_quality": 2, "energy": 2, "recovery": 2, "stress": 2, "pain_severity": 6}


def test_the_coach_previews_and_decides_a_recommendation_once(
    client: TestClient, headers: Headers, world: World
) -> None:
    posted = client.post(
        f"/api/v1/athletes/{world.riley.id}/checkins",
        json={**PAIN, "pain_location": "left knee"},
        headers=headers["riley"],
    )
    assert posted.status_code == 201, posted.text
    listed = client.get(f"/api/v1/athletes/{world.riley.id}/interventions", headers=headers["asha"])
    rec_id = next(i["recommendation_id"] for i in listed.json()["items"] if i["recommendation_id"])
    preview = client.get(f"/api/v1/recommendations/{rec_id}/preview", headers=headers["asha"])
    assert preview.status_code == 200, preview.text
    assert isinstance(preview.json(), list)
    path = f"/api/v1/recommendations/{rec_id}/decision"
    decided = client.post(
        path, json={"decision": "reject", "note": "Seen"}, headers=headers["asha"]
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["status"] == "dismissed"
    assert decided.json()["status_label"] == "Dismissed"  # every code has its words beside it
    assert decided.json()["decision_label"] == "Waits for the coach"
    assert (
        client.post(path, json={"decision": "accept"}, headers=headers["asha"]).status_code == 409
    )
    unknown = client.post(path, json={"decision": "maybe"}, headers=headers["asha"])
    assert unknown.status_code == 422


def test_the_coach_undoes_a_dismissal_over_http(
    client: TestClient, headers: Headers, world: World
) -> None:
    posted = client.post(
        f"/api/v1/athletes/{world.riley.id}/checkins",
        json={**PAIN, "pain_location": "left knee"},
        headers=headers["riley"],
    )
    assert posted.status_code == 201, posted.text
    listed = client.get(f"/api/v1/athletes/{world.riley.id}/interventions", headers=headers["asha"])
    rec_id = next(i["recommendation_id"] for i in listed.json()["items"] if i["recommendation_id"])
    undo = f"/api/v1/recommendations/{rec_id}/undo"
    assert client.post(undo, headers=headers["asha"]).status_code == 409  # nothing decided yet
    decided = client.post(
        f"/api/v1/recommendations/{rec_id}/decision",
        json={"decision": "reject"},
        headers=headers["asha"],
    )
    assert decided.json()["decided_at"] is not None
    undone = client.post(undo, headers=headers["asha"])
    assert undone.status_code == 200, undone.text
    assert (undone.json()["status"], undone.json()["decided_at"]) == ("open", None)
    assert client.post(undo, headers=headers["riley"]).status_code in (403, 404)
