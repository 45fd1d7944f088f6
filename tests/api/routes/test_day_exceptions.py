"""Marked days over HTTP: sick, travelling or injured days marked, listed and removed."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from tests.factories import NOW, World

TODAY = NOW.date()


def test_marking_listing_and_removing_days(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    url = f"/api/v1/athletes/{world.greta.id}/day-exceptions"
    body = {"kind": "sick", "start_date": (TODAY - timedelta(days=2)).isoformat()}
    made = client.post(url, json={**body, "end_date": TODAY.isoformat()}, headers=headers["greta"])
    assert made.status_code == 201, made.text
    again = client.post(url, json=body, headers=headers["cole"])
    assert again.status_code == 409
    wrong = client.post(
        url,
        json={**body, "end_date": (TODAY - timedelta(days=5)).isoformat()},
        headers=headers["cole"],
    )
    assert wrong.status_code == 422
    assert "end_date" in wrong.json()["detail"]
    assert client.get(url, headers=headers["otto"]).status_code == 404
    listed = client.get(url, headers=headers["cole"]).json()
    assert [d["kind"] for d in listed] == ["sick"]
    gone = client.delete(f"/api/v1/day-exceptions/{made.json()['id']}", headers=headers["cole"])
    assert gone.status_code == 204
    assert client.get(url, headers=headers["cole"]).json() == []
