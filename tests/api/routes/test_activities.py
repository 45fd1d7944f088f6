"""An imported session over HTTP: in depth, and its samples thinned on request."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import shared_dir
from tests.factories import World

Headers = dict[str, dict[str, str]]
FIT = shared_dir() / "fixtures/activities/garmin-fenix-5-run.fit"
# 47 minutes with a hard finish: a one-minute clip (FIT) suggests no maximum heart rate
LONG_RUN = shared_dir() / "fixtures/activities/activity-small-fenix2-run.fit"


def _upload(client: TestClient, headers: Headers, world: World, fit: Path = FIT) -> int:
    path = f"/api/v1/athletes/{world.greta.id}/logs/upload"
    files = {"file": ("run.fit", fit.read_bytes(), "application/octet-stream")}
    done = client.post(path, files=files, headers=headers["greta"])
    assert done.status_code == 201, done.text
    return int(done.json()["id"])


def test_the_coach_reads_the_session_and_its_thinned_streams(
    client: TestClient, headers: Headers, world: World
) -> None:
    log_id = _upload(client, headers, world)
    base = f"/api/v1/athletes/{world.greta.id}/activities/{log_id}"
    found = client.get(base, headers=headers["cole"])
    assert found.status_code == 200, found.text
    body = found.json()
    assert body["has_route"] is True
    assert [round(lap["distance_m"], 2) for lap in body["laps"]] == [157.56]
    assert body["splits"][0]["distance_m"] > 150
    full = client.get(f"{base}/streams", headers=headers["cole"]).json()
    assert full["point_count"] == full["points"] == 21
    thin = client.get(f"{base}/streams?points=5", headers=headers["greta"])
    assert thin.status_code == 200, thin.text
    assert thin.json()["points"] == 5
    assert thin.json()["channels"]["hr_bpm"][0] == 61
    assert thin.json()["channels"]["time_s"][-1] == full["channels"]["time_s"][-1]


def test_bad_point_counts_and_strangers_are_refused(
    client: TestClient, headers: Headers, world: World
) -> None:
    log_id = _upload(client, headers, world)
    base = f"/api/v1/athletes/{world.greta.id}/activities/{log_id}/streams"
    refused = client.get(f"{base}?points=1", headers=headers["cole"])
    assert refused.status_code == 422
    assert "points" in refused.text
    stranger = client.get(base, headers=headers["otto"])
    assert stranger.status_code == 404
    elsewhere = f"/api/v1/athletes/{world.sam.id}/activities/{log_id}"
    assert client.get(elsewhere, headers=headers["cole"]).status_code == 404


def test_the_coach_answers_a_profile_suggestion_over_http(
    client: TestClient, headers: Headers, world: World
) -> None:
    log_id = _upload(client, headers, world, LONG_RUN)
    path = f"/api/v1/athletes/{world.greta.id}/profile-suggestions"
    listed = client.get(path, headers=headers["greta"])
    assert listed.status_code == 200, listed.text
    kinds = {s["kind"] for s in listed.json()}
    assert "hr_max" in kinds
    answer = {"kind": "hr_max", "activity_id": log_id, "accept": True}
    assert client.post(path, json=answer, headers=headers["greta"]).status_code == 403
    accepted = client.post(path, json=answer, headers=headers["cole"])
    assert accepted.status_code == 200, accepted.text
    assert "hr_max" not in {s["kind"] for s in accepted.json()}
    bad = client.post(path, json={**answer, "kind": "weight"}, headers=headers["cole"])
    assert bad.status_code == 422
    assert "kind" in bad.text
