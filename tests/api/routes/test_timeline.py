"""An athlete's timeline over HTTP."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.factories import World
from tests.services.coaching_days import riley_red_patch

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


def test_the_timeline_pages_and_filters_the_whole_story(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, db: Session
) -> None:
    riley_red_patch(db, world)
    url = f"/api/v1/athletes/{world.riley.id}/timeline"
    whole = client.get(url, params={"page_size": 100}, headers=headers["asha"]).json()
    kinds = {e["kind"] for e in whole["items"]}
    assert {"checkin", "recommendation", "intervention"} <= kinds
    only = client.get(
        url, params=[("kind", "checkin"), ("page_size", 2)], headers=headers["asha"]
    ).json()
    assert only["total"] == 3
    assert len(only["items"]) == 2
    assert {e["label"] for e in only["items"]} == {"Check-in"}
    bad = client.get(url, params={"kind": "gossip"}, headers=headers["asha"])
    assert bad.status_code == 422
    assert client.get(url, headers=headers["riley"]).status_code == 403
