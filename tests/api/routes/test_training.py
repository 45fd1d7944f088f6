"""Logged sessions over HTTP: by hand, from a device file, corrected and removed; implausible
sessions refused unless a coach confirms them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import shared_dir
from tests.factories import NOW, World
from tests.services.test_activity_import import gpx_run

Headers = dict[str, dict[str, str]]
TODAY = NOW.date()
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


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"duration_s": 900, "distance_m": 10_000}, "Distance and duration"),
        (
            {"duration_s": 13_000, "distance_m": 10_000, "sport": "treadmill"},
            "Distance and duration",
        ),
        ({"duration_s": 40_000, "distance_m": 305_000, "sport": "bike"}, "Distance: 305.00 km"),
        ({"duration_s": 49 * 3600, "sport": "hike"}, "Duration: 49:00:00"),
        ({"duration_s": 3000, "avg_hr": 260}, "avg_hr"),
        ({"duration_s": 3000, "max_hr": 20}, "max_hr"),
    ],
)
def test_implausible_sessions_are_refused_naming_the_field(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, body: dict, field: str
) -> None:
    sent = {"local_date": TODAY.isoformat(), "rpe": 5, **body}
    response = client.post(
        f"/api/v1/athletes/{world.greta.id}/logs", json=sent, headers=headers["greta"]
    )
    assert response.status_code == 422, response.text
    assert response.json()["error"] == "invalid_input"
    assert field in response.json()["detail"]
    listed = client.get(f"/api/v1/athletes/{world.greta.id}/logs", headers=headers["greta"])
    assert listed.json()["total"] == 0


def test_only_a_coach_confirms_an_unusual_session(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    sent = {
        "local_date": TODAY.isoformat(),
        "duration_s": 800,
        "distance_m": 10_000,
        "confirm_unusual": True,
    }
    url = f"/api/v1/athletes/{world.greta.id}/logs"
    assert client.post(url, json=sent, headers=headers["greta"]).status_code == 403
    confirmed = client.post(url, json=sent, headers=headers["cole"])
    assert confirmed.status_code == 201, confirmed.text
    assert confirmed.json()["load_details"]["unusual_confirmed"] == "distance_m"


def test_a_bike_ride_is_scored_by_rpe_and_counted_at_its_factor(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    client.patch(
        f"/api/v1/athletes/{world.greta.id}",
        json={"hr_rest": 50, "hr_max": 190, "lthr": 170},
        headers=headers["cole"],
    )
    sent = {"local_date": TODAY.isoformat(), "duration_s": 3600, "rpe": 6, "avg_hr": 150}
    ride = client.post(
        f"/api/v1/athletes/{world.greta.id}/logs",
        json={**sent, "sport": "bike"},
        headers=headers["greta"],
    ).json()
    assert ride["load_model"] == "rpe"
    assert ride["load"] == pytest.approx(360 / 4.5 * 0.7)


def test_an_implausible_file_is_refused_unless_a_coach_confirms_it(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    content = gpx_run(seconds=60, metres_per_point=1000)  # 10 km in 10 minutes
    url = f"/api/v1/athletes/{world.greta.id}/logs/upload"
    files = {"file": ("fast.gpx", content, "application/gpx+xml")}
    refused = client.post(url, files=files, headers=headers["greta"])
    assert refused.status_code == 422
    assert "Distance and duration" in refused.json()["detail"]
    confirmed = client.post(
        url, files=files, data={"confirm_unusual": "true"}, headers=headers["cole"]
    )
    assert confirmed.status_code == 201, confirmed.text
