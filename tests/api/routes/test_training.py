"""Logged sessions over HTTP: by hand, from a device file, corrected and removed."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import shared_dir
from tests.factories import NOW, World

Headers = dict[str, dict[str, str]]
FIT = shared_dir() / "fixtures/activities/garmin-fenix-5-run.fit"


def test_a_session_is_logged_corrected_and_removed(
    client: TestClient, headers: Headers, world: World
) -> None:
    entry = {"local_date": NOW.date().isoformat(), "duration_s": 3000, "distance_m": 9000, "rpe": 5}
    logged = client.post(
        f"/api/v1/athletes/{world.greta.id}/logs", json=entry, headers=headers["greta"]
    )
    assert logged.status_code == 201, logged.text
    log_id = logged.json()["id"]
    assert logged.json()["load"] > 0
    changed = client.patch(f"/api/v1/logs/{log_id}", json={"rpe": 7}, headers=headers["greta"])
    assert changed.status_code == 200, changed.text
    assert changed.json()["load"] > logged.json()["load"]
    assert client.delete(f"/api/v1/logs/{log_id}", headers=headers["greta"]).status_code == 204
    listed = client.get(f"/api/v1/athletes/{world.greta.id}/logs", headers=headers["cole"])
    assert listed.json()["total"] == 0


def test_a_device_file_is_imported_once(client: TestClient, headers: Headers, world: World) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/logs/upload"
    files = {"file": ("run.fit", FIT.read_bytes(), "application/octet-stream")}
    first = client.post(path, files=files, data={"rpe": "4"}, headers=headers["greta"])
    assert first.status_code == 201, first.text
    assert first.json()["source"] != "manual"
    again = client.post(path, files=files, headers=headers["greta"])
    assert again.status_code == 409


def test_a_negative_duration_is_refused_by_name(
    client: TestClient, headers: Headers, world: World
) -> None:
    refused = client.post(
        f"/api/v1/athletes/{world.greta.id}/logs",
        json={"local_date": NOW.date().isoformat(), "duration_s": -5},
        headers=headers["greta"],
    )
    assert refused.status_code == 422
    assert "duration_s" in refused.text
