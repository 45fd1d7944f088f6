"""The case history over HTTP: notes, tasks, injuries and illnesses."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import World

Headers = dict[str, dict[str, str]]


def test_a_shared_note_is_seen_by_the_athlete_and_a_private_one_is_not(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/notes"
    shared = client.post(
        path, json={"body": "Great week", "shared_with_athlete": True}, headers=headers["cole"]
    )
    assert shared.status_code == 201, shared.text
    client.post(path, json={"body": "Watch the knee"}, headers=headers["cole"])
    assert [n["body"] for n in client.get(path, headers=headers["greta"]).json()["items"]] == [
        "Great week"
    ]
    assert client.get(path, headers=headers["cole"]).json()["total"] == 2


def test_a_task_is_added_listed_and_completed(
    client: TestClient, headers: Headers, world: World
) -> None:
    task = client.post(
        f"/api/v1/athletes/{world.greta.id}/tasks",
        json={"title": "Call Greta", "due_date": "2026-12-01"},
        headers=headers["cole"],
    )
    assert task.status_code == 201, task.text
    mine = client.get("/api/v1/tasks", headers=headers["cole"]).json()["items"]
    assert [t["title"] for t in mine] == ["Call Greta"]
    done = client.post(f"/api/v1/tasks/{task.json()['id']}/complete", headers=headers["cole"])
    assert done.json()["status"] == "done"
    assert client.get("/api/v1/tasks", headers=headers["cole"]).json()["items"] == []


def test_an_injury_case_moves_from_open_to_closed(
    client: TestClient, headers: Headers, world: World
) -> None:
    opened = client.post(
        f"/api/v1/athletes/{world.greta.id}/health-cases",
        json={"kind": "injury", "location": "calf", "started_on": "2026-11-20"},
        headers=headers["cole"],
    )
    assert opened.status_code == 201, opened.text
    advance = f"/api/v1/health-cases/{opened.json()['id']}/advance"
    assert client.post(advance, headers=headers["cole"]).json()["status"] == "return_to_run"
    assert client.post(advance, headers=headers["cole"]).json()["status"] == "closed"
    assert client.post(advance, headers=headers["cole"]).status_code == 409
    cases = client.get(f"/api/v1/athletes/{world.greta.id}/health-cases", headers=headers["cole"])
    assert [c["status"] for c in cases.json()["items"]] == ["closed"]
