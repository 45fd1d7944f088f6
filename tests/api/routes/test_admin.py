"""Administration over HTTP: users, the audit trail, coach assignments and health."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import World

Headers = dict[str, dict[str, str]]


def test_an_admin_creates_and_deactivates_a_coach(client: TestClient, headers: Headers) -> None:
    body = {"email": "new.coach@northside.example.com", "full_name": "New Coach", "role": "coach"}
    created = client.post("/api/v1/users", json=body, headers=headers["ada"])
    assert created.status_code == 201, created.text
    user_id = created.json()["user"]["id"]
    found = client.get("/api/v1/users", headers=headers["ada"]).json()["items"]
    assert user_id in {u["id"] for u in found}
    gone = client.post(f"/api/v1/users/{user_id}/deactivate", headers=headers["ada"])
    assert gone.json()["is_active"] is False


def test_an_assignment_change_is_on_the_audit_trail(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/assignments"
    added = client.post(
        path, json={"coach_id": world.asha.id, "role": "assistant"}, headers=headers["ada"]
    )
    assert added.status_code == 201, added.text
    coaches = {a["coach_id"] for a in client.get(path, headers=headers["ada"]).json()}
    assert coaches == {world.cole.id, world.asha.id}
    ended = client.delete(f"{path}/{world.asha.id}", headers=headers["ada"])
    assert ended.status_code == 204
    trail = client.get("/api/v1/audit", headers=headers["ada"])
    assert trail.status_code == 200, trail.text
    assert trail.json()["total"] > 0


def test_health_and_readiness_answer_without_a_sign_in(client: TestClient) -> None:
    assert client.get("/api/v1/healthz").json() == {"status": "ok"}
    assert client.get("/api/v1/readyz").status_code == 200
    assert client.get("/api/v1/health").status_code == 200
