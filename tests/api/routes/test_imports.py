"""Archives and CSVs over HTTP: queued (202), polled, bad uploads refused by reason."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import ImportRun, TrainingLog
from runseason.services import import_jobs
from tests.archives import strava_export, zip_of
from tests.factories import NOW, World

Headers = dict[str, dict[str, str]]


def test_an_export_is_queued_run_by_the_worker_and_polled_to_the_end(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/imports"
    files = {"file": ("export.zip", strava_export(), "application/zip")}
    queued = client.post(path, files=files, headers=headers["greta"])
    assert queued.status_code == 202, queued.text
    body = queued.json()
    assert (body["status"], body["rows_total"], body["rows_done"]) == ("running", 8, 0)
    assert import_jobs.run_queued(now=lambda: NOW) == 1
    done = client.get(f"{path}/{body['id']}", headers=headers["cole"])
    assert done.status_code == 200, done.text
    result = done.json()
    assert (result["rows_done"], result["rows_imported"], result["rows_duplicate"]) == (8, 3, 2)
    assert result["status"] == "partial"
    assert any("The FIT file ends early" in e for e in result["errors"])
    listed = client.get(path, headers=headers["greta"]).json()
    assert [i["id"] for i in listed] == [body["id"]]


def test_a_zip_bomb_is_refused_naming_the_reason_and_nothing_is_written(
    client: TestClient, headers: Headers, world: World, db: Session
) -> None:
    bomb = zip_of({"a.gpx": b"\0" * (8 * 1024 * 1024)})
    refused = client.post(
        f"/api/v1/athletes/{world.greta.id}/imports",
        files={"file": ("bomb.zip", bomb, "application/zip")},
        headers=headers["greta"],
    )
    assert refused.status_code == 422
    assert "zip bomb" in refused.json()["detail"]
    assert db.scalar(select(func.count()).select_from(ImportRun)) == 0
    assert db.scalar(select(func.count()).select_from(TrainingLog)) == 0


def test_a_csv_is_previewed_through_its_column_mapping_then_imported(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/imports"
    preview_path = f"/api/v1/athletes/{world.greta.id}/import-preview"
    csv = b"when,secs,miles\n2026-11-01 07:00:00,2700,5.0\n2026-11-02 07:00:00,1800,3.1\n"
    files = {"file": ("log.csv", csv, "text/csv")}
    unknown = client.post(preview_path, files=files, headers=headers["greta"])
    assert unknown.json() == {
        "columns": ["when", "secs", "miles"],
        "dialect": None,
        "rows": [],
        "total_rows": 0,
    }
    mapping = {
        "start_column": "when",
        "duration_column": "secs",
        "distance_column": "miles",
        "distance_unit": "mi",
    }
    preview = client.post(preview_path, files=files, data=mapping, headers=headers["greta"])
    assert preview.status_code == 200, preview.text
    first = preview.json()["rows"][0]
    assert (first["duration_s"], round(first["distance_m"])) == (2700, 8047)
    bad = client.post(
        preview_path,
        files=files,
        data={**mapping, "distance_unit": "leagues"},
        headers=headers["greta"],
    )
    assert bad.status_code == 422
    assert "distance_unit" in bad.text
    queued = client.post(path, files=files, data=mapping, headers=headers["greta"])
    assert queued.status_code == 202, queued.text
    import_jobs.run_queued(now=lambda: NOW)
    done = client.get(f"{path}/{queued.json()['id']}", headers=headers["greta"]).json()
    assert (done["status"], done["rows_imported"]) == ("succeeded", 2)


def test_another_organization_cannot_see_an_import(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/imports"
    queued = client.post(
        path, files={"file": ("export.zip", strava_export())}, headers=headers["greta"]
    )
    assert client.get(f"{path}/{queued.json()['id']}", headers=headers["otto"]).status_code == 404
    assert (
        client.post(
            path, files={"file": ("export.zip", strava_export())}, headers=headers["otto"]
        ).status_code
        == 404
    )


def test_a_retried_upload_with_its_key_is_queued_once(
    client: TestClient, headers: Headers, world: World, db: Session
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/imports"
    sent = {**headers["greta"], "Idempotency-Key": "history-export-0001"}
    first = client.post(path, files={"file": ("export.zip", strava_export())}, headers=sent)
    again = client.post(path, files={"file": ("export.zip", strava_export())}, headers=sent)
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["idempotent-replayed"] == "true"
    assert db.scalar(select(func.count()).select_from(ImportRun)) == 1
