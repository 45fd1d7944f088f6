"""Plans over HTTP: build one, move a session, and find the move in the plan's history."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

from tests.factories import NOW, World


def test_moving_a_session_is_versioned(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    race = (NOW.date() + timedelta(weeks=16)).isoformat()
    built = client.post(
        f"/api/v1/athletes/{world.riley.id}/plans",
        json={"race_distance_m": 21097.5, "race_date": race},
        headers=headers["asha"],
    )
    assert built.status_code == 201, built.text
    plan = built.json()
    first = next(s for s in plan["sessions"] if s["status"] == "planned")
    new_day = (date.fromisoformat(first["scheduled_date"]) + timedelta(days=1)).isoformat()
    moved = client.patch(
        f"/api/v1/planned-sessions/{first['id']}",
        json={"scheduled_date": new_day, "reason": "travel"},
        headers=headers["asha"],
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["version"] == plan["version"] + 1
    history = client.get(f"/api/v1/plans/{plan['id']}/revisions", headers=headers["asha"]).json()
    assert history[-1]["reason"] == "travel"
    change = history[-1]["snapshot"]["changes"][0]
    assert change["after"]["scheduled_date"] == new_day
    refused = client.patch(
        f"/api/v1/planned-sessions/{first['id']}",
        json={"scheduled_date": "2031-01-01"},
        headers=headers["asha"],
    )
    assert refused.status_code == 422
