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
