"""Training zones over HTTP: derived, then set by the coach."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import World

Headers = dict[str, dict[str, str]]


def test_the_coach_sets_a_heart_rate_zone(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/zones"
    client.patch(
        f"/api/v1/athletes/{world.greta.id}",
        json={"hr_max": 190, "hr_rest": 50},
        headers=headers["cole"],
    )
    zones = client.get(path, headers=headers["cole"])
    assert zones.status_code == 200, zones.text
    name = zones.json()["heart_rate"][0]["name"]
    body = {"kind": "heart_rate", "name": name, "low": 100, "high": 120}
    changed = client.put(path, json=body, headers=headers["cole"])
    assert changed.status_code == 200, changed.text
    zone = next(z for z in changed.json()["heart_rate"] if z["name"] == name)
    assert (zone["low"], zone["high"]) == (100, 120)
    upside_down = client.put(path, json={**body, "low": 130}, headers=headers["cole"])
    assert upside_down.status_code == 422
