"""Coaching settings over HTTP: everyone reads them, admins change them as a whole; a guardrail at
the at-risk line is refused, and automation is set per athlete and per coach."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import World

Headers = dict[str, dict[str, str]]
API = "/api/v1"


def test_an_admin_changes_the_guardrail_and_a_coach_reads_it(
    client: TestClient, headers: Headers, world: World
) -> None:
    changed = client.patch(
        "/api/v1/settings", json={"risk": {"guardrail": 0.9}}, headers=headers["ada"]
    )
    assert changed.status_code == 200, changed.text
    assert (
        client.get("/api/v1/settings", headers=headers["cole"]).json()["risk"]["guardrail"] == 0.9
    )
    wrong = client.patch(
        "/api/v1/settings", json={"risk": {"guardrail": 7}}, headers=headers["ada"]
    )
    assert wrong.status_code == 422
    assert "guardrail" in wrong.text


def test_a_guardrail_at_the_at_risk_line_is_refused_naming_the_field(
    client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    response = client.patch(
        f"{API}/settings", json={"risk": {"guardrail": 0.6}}, headers=headers["ada"]
    )
    assert response.status_code == 422
    assert "guardrail" in response.json()["detail"]


def test_automation_per_athlete_over_http(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    url = f"{API}/athletes/{world.greta.id}/automation"
    assert client.put(url, json={"mode": "automatic"}, headers=headers["cole"]).status_code == 200
    assert client.get(url, headers=headers["cole"]).json()["mode"] == "automatic"
    assert client.put(url, json={"mode": "sometimes"}, headers=headers["cole"]).status_code == 422
    assert client.put(url, json={"mode": "manual"}, headers=headers["greta"]).status_code == 403
    coach = f"{API}/coaches/{world.asha.id}/automation"
    assert client.put(coach, json={"mode": "manual"}, headers=headers["cole"]).status_code == 403
    assert client.put(coach, json={"mode": "manual"}, headers=headers["ada"]).status_code == 200
