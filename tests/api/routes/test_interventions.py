"""Interventions over HTTP: acknowledge, snooze and resolve, with the SLA state."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import World

Headers = dict[str, dict[str, str]]
PAIN = {"sleep_quality": 2, "energy": 2, "recovery": 2, "stress": 2, "pain_severity": 6}


def _pain_intervention(client: TestClient, headers: Headers, world: World) -> int:
    posted = client.post(
        f"/api/v1/athletes/{world.riley.id}/checkins",
        json={**PAIN, "pain_location": "left knee"},
        headers=headers["riley"],
    )
    assert posted.status_code == 201, posted.text
    listed = client.get(f"/api/v1/athletes/{world.riley.id}/interventions", headers=headers["asha"])
    return int(next(i["id"] for i in listed.json()["items"] if i["cause"] == "pain"))


def test_the_coach_works_an_intervention_through_to_its_outcome(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = f"/api/v1/interventions/{_pain_intervention(client, headers, world)}"
    assert client.get(path, headers=headers["asha"]).json()["status"] == "open"
    seen = client.post(f"{path}/acknowledge", headers=headers["asha"])
    assert seen.json()["status"] == "acknowledged"
    aside = client.post(f"{path}/snooze", json={"hours": 4}, headers=headers["asha"])
    assert aside.json()["snoozed_until"] is not None
    done = client.post(
        f"{path}/resolve", json={"outcome": "Physio booked"}, headers=headers["asha"]
    )
    assert done.json()["status"] == "resolved"
    again = client.post(f"{path}/resolve", json={"outcome": "again"}, headers=headers["asha"])
    assert again.status_code == 409
    listed = client.get(f"/api/v1/athletes/{world.riley.id}/interventions", headers=headers["asha"])
    assert path.rsplit("/", 1)[1] not in {str(i["id"]) for i in listed.json()["items"]}
    everything = client.get(
        f"/api/v1/athletes/{world.riley.id}/interventions",
        params={"include_resolved": True},
        headers=headers["asha"],
    )
    assert "resolved" in {i["status"] for i in everything.json()["items"]}


def test_a_snooze_too_long_is_refused_by_name(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = f"/api/v1/interventions/{_pain_intervention(client, headers, world)}/snooze"
    refused = client.post(path, json={"hours": 1000}, headers=headers["asha"])
    assert refused.status_code == 422
    assert "hours" in refused.text
