"""Load history and race predictions over HTTP."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import NOW, World

Headers = dict[str, dict[str, str]]


def test_the_load_history_covers_the_window_asked_for(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/load-history"
    history = client.get(path, params={"days": 14}, headers=headers["cole"])
    assert history.status_code == 200, history.text
    assert "not a validated injury predictor" in history.json()["caution"]
    assert client.get(path, params={"days": 3}, headers=headers["cole"]).status_code == 422


def test_a_prediction_follows_a_logged_race(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/prediction"
    assert client.get(path, headers=headers["cole"]).json() is None
    race = {
        "local_date": NOW.date().isoformat(),
        "duration_s": 1200,
        "distance_m": 5000,
        "kind": "race",
    }
    logged = client.post(
        f"/api/v1/athletes/{world.greta.id}/logs", json=race, headers=headers["cole"]
    )
    assert logged.status_code == 201, logged.text
    predicted = client.get(path, params={"distance_m": 10000}, headers=headers["cole"]).json()
    assert predicted["low_s"] < predicted["high_s"]


def test_the_organization_week_by_week_for_an_admin_and_a_coach(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = "/api/v1/analytics/distributions"
    read = client.get(path, params={"weeks": 4}, headers=headers["ada"])
    assert read.status_code == 200, read.text
    assert set(read.json()) == {"weeks", "readiness", "risk", "adherence", "load"}
    refused = client.get(path, params={"coach_id": world.asha.id}, headers=headers["cole"])
    assert refused.status_code == 422
    assert "coach_id" in refused.text
    assert client.get(path, params={"weeks": 0}, headers=headers["ada"]).status_code == 422
    assert client.get(path, headers=headers["greta"]).status_code == 403
