"""Coaching settings over HTTP: everyone reads them, admins change them as a whole."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import World

Headers = dict[str, dict[str, str]]


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
