"""Athlete profiles over HTTP: listing, creating, reading and changing them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import World

Headers = dict[str, dict[str, str]]


def test_a_coach_lists_only_their_organization_and_finds_by_name(
    client: TestClient, headers: Headers, world: World
) -> None:
    found = client.get("/api/v1/athletes", params={"search": "Greta"}, headers=headers["cole"])
    assert found.status_code == 200, found.text
    assert [a["display_name"] for a in found.json()["items"]] == ["Greta Green"]
    everyone = client.get("/api/v1/athletes", headers=headers["ada"]).json()["items"]
    assert "Oona Other" not in {a["display_name"] for a in everyone}


def test_an_athlete_account_is_created_and_its_password_shown_once(
    client: TestClient, headers: Headers
) -> None:
    body = {"email": "new.runner@northside.example.com", "full_name": "New Runner"}
    created = client.post(
        "/api/v1/athletes", json={**body, "role": "athlete"}, headers=headers["cole"]
    )
    assert created.status_code == 201, created.text
    assert created.json()["temporary_password"]
    coach = client.post("/api/v1/athletes", json={**body, "role": "coach"}, headers=headers["ada"])
    assert coach.status_code == 422
    assert "/users" in coach.json()["detail"]


def test_the_coach_reads_and_changes_a_profile_and_bad_values_name_the_field(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}"
    changed = client.patch(path, json={"vdot": 52.5}, headers=headers["cole"])
    assert changed.status_code == 200, changed.text
    assert client.get(path, headers=headers["cole"]).json()["vdot"] == 52.5
    refused = client.patch(path, json={"hr_max": 400}, headers=headers["cole"])
    assert refused.status_code == 422
    assert "hr_max" in refused.text
    assert (
        client.get(f"/api/v1/athletes/{world.oona.id}", headers=headers["cole"]).status_code == 404
    )
