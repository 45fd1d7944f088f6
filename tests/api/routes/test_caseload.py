"""The caseload over HTTP."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import World

Headers = dict[str, dict[str, str]]


def test_the_coach_s_caseload_sorts_by_name_and_searches(
    client: TestClient, headers: Headers, world: World
) -> None:
    rows = client.get("/api/v1/caseload", params={"sort": "name"}, headers=headers["asha"])
    assert rows.status_code == 200, rows.text
    assert [r["name"] for r in rows.json()["items"]] == ["Ramp Rapid", "Riley Red"]
    found = client.get("/api/v1/caseload", params={"search": "Riley"}, headers=headers["asha"])
    assert [r["athlete_id"] for r in found.json()["items"]] == [world.riley.id]
    unknown = client.get("/api/v1/caseload", params={"sort": "age"}, headers=headers["asha"])
    assert unknown.status_code == 422


def test_the_caseload_narrows_to_a_training_group(
    client: TestClient, headers: Headers, world: World
) -> None:
    made = client.post(
        "/api/v1/groups",
        json={"name": "Tempo squad", "athlete_ids": [world.ramp.id]},
        headers=headers["asha"],
    )
    assert made.status_code == 201, made.text
    group = made.json()["id"]
    rows = client.get("/api/v1/caseload", params={"group": group}, headers=headers["asha"])
    assert rows.status_code == 200, rows.text
    assert [r["name"] for r in rows.json()["items"]] == ["Ramp Rapid"]
    assert rows.json()["total"] == sum(rows.json()["buckets"].values()) == 1
    foreign = client.get("/api/v1/caseload", params={"group": group}, headers=headers["otto"])
    assert foreign.status_code == 404
    bad = client.get("/api/v1/caseload", params={"group": "squad"}, headers=headers["asha"])
    assert bad.status_code == 422
    assert "group" in bad.text
