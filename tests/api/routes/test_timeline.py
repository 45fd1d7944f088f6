"""An athlete's timeline over HTTP."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import World

Headers = dict[str, dict[str, str]]


def test_a_note_appears_on_the_timeline_for_staff_only(
    client: TestClient, headers: Headers, world: World
) -> None:
    client.post(
        f"/api/v1/athletes/{world.greta.id}/notes", json={"body": "Hello"}, headers=headers["cole"]
    )
    path = f"/api/v1/athletes/{world.greta.id}/timeline"
    events = client.get(path, headers=headers["cole"])
    assert events.status_code == 200, events.text
    assert [(e["kind"], e["title"]) for e in events.json()["items"]] == [("note", "Note: Hello")]
    assert client.get(path, headers=headers["greta"]).status_code == 403
