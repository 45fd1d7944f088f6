"""The session library over HTTP: browse, preview, clone, edit and archive."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from runseason.services.plans import library
from tests.factories import World

Headers = dict[str, dict[str, str]]


@pytest.fixture(autouse=True)
def _builtin_library(db: Session) -> None:
    library.sync_builtin_library(db)


def test_the_coach_browses_by_category_and_previews_for_an_athlete(
    client: TestClient, headers: Headers, world: World
) -> None:
    tempo = client.get("/api/v1/templates", params={"category": "tempo"}, headers=headers["cole"])
    assert tempo.status_code == 200, tempo.text
    items = tempo.json()["items"]
    assert items
    assert {t["category"] for t in items} == {"tempo"}
    template_id = items[0]["id"]
    assert client.get(f"/api/v1/templates/{template_id}", headers=headers["cole"]).json()[
        "is_builtin"
    ]
    preview = client.get(
        f"/api/v1/templates/{template_id}/preview",
        params={"athlete_id": world.greta.id},
        headers=headers["cole"],
    )
    assert preview.status_code == 200, preview.text
    assert preview.json()["steps"]


def test_a_clone_is_the_organization_s_own_to_edit_and_archive(
    client: TestClient, headers: Headers
) -> None:
    builtin = client.get("/api/v1/templates", headers=headers["cole"]).json()["items"][0]
    clone = client.post(f"/api/v1/templates/{builtin['id']}/clone", headers=headers["cole"])
    assert clone.status_code == 201, clone.text
    path = f"/api/v1/templates/{clone.json()['id']}"
    renamed = client.patch(path, json={"name": "Our version"}, headers=headers["cole"])
    assert renamed.json()["name"] == "Our version"
    assert client.delete(path, headers=headers["cole"]).json()["is_archived"]
    frozen = client.patch(
        f"/api/v1/templates/{builtin['id']}", json={"name": "Mine"}, headers=headers["cole"]
    )
    assert frozen.status_code in (403, 409)


def test_a_workout_being_written_is_previewed_for_an_athlete_over_http(
    client: TestClient, headers: Headers, world: World
) -> None:
    structure = {
        "warmup_s": 900,
        "steps": [
            {
                "repeat": 6,
                "work": {"distance_m": 800, "zone": "I", "target": "pace"},
                "recover": {"duration_s": 90, "zone": "jog"},
            }
        ],
        "cooldown_s": 600,
    }
    body = {"athlete_id": world.greta.id, "structure": structure}
    read = client.post("/api/v1/workout-previews", json=body, headers=headers["cole"])
    assert read.status_code == 200, read.text
    preview = read.json()
    assert [p["times"] for p in preview["parts"]] == [1, 6, 1]
    assert preview["parts"][1]["steps"][0]["distance_m"] == 800
    refused = client.post(
        "/api/v1/workout-previews",
        json={
            **body,
            "structure": {**structure, "steps": [{**structure["steps"][0], "repeat": 0}]},
        },
        headers=headers["cole"],
    )
    assert refused.status_code == 422
    other = client.post("/api/v1/workout-previews", json=body, headers=headers["otto"])
    assert other.status_code == 404
