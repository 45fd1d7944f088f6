"""Trends over HTTP."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from tests.factories import NOW, World

Headers = dict[str, dict[str, str]]


def test_an_athlete_reads_their_trends_with_the_race_behind_the_vdot(
    client: TestClient, headers: Headers, world: World
) -> None:
    race = {
        "local_date": (NOW.date() - timedelta(days=20)).isoformat(),
        "duration_s": 1260,
        "distance_m": 5000,
        "kind": "race",
        "title": "Parkrun",
    }
    logged = client.post(
        f"/api/v1/athletes/{world.greta.id}/logs", json=race, headers=headers["greta"]
    )
    assert logged.status_code == 201, logged.text
    path = f"/api/v1/athletes/{world.greta.id}/trends"
    read = client.get(path, params={"by": "year"}, headers=headers["greta"])
    assert read.status_code == 200, read.text
    body = read.json()
    (point,) = body["vdot"]["points"]
    assert point["period"] == str(NOW.year)
    assert point["evidence"][0]["text"] == "Parkrun: 5 km in 21:00"
    assert body["personal_bests"][0]["time_text"] == "21:00"
    assert body["races"][0]["distance_text"] == "5 km"


def test_bad_parameters_are_named_and_foreign_athletes_are_not_found(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/trends"
    bad = client.get(path, params={"by": "week"}, headers=headers["cole"])
    assert bad.status_code == 422
    assert "by" in bad.text
    assert client.get(path, params={"years": 0}, headers=headers["cole"]).status_code == 422
    foreign = client.get(f"/api/v1/athletes/{world.oona.id}/trends", headers=headers["cole"])
    assert foreign.status_code == 404
