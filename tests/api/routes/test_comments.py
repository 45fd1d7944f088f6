"""Session comment threads over HTTP: the athlete writes, the coach answers, strangers get 404."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession
from runseason.schemas.plans import PlanCreate
from runseason.services.plans import generation
from tests.api.conftest import Clock
from tests.factories import NOW, World, actor

Headers = dict[str, dict[str, str]]


@pytest.fixture
def thread(db: Session, world: World) -> str:
    """The comments path of Greta's first planned session."""
    data = PlanCreate(race_distance_m=10000, race_date=NOW.date() + timedelta(weeks=12))
    plan = generation.generate_plan(db, actor(db, world.cole), world.greta.id, data, now=NOW)
    first = db.scalars(select(PlannedSession.id).where(PlannedSession.plan_id == plan.id)).first()
    return f"/api/v1/planned-sessions/{first}/comments"


def test_the_athlete_writes_and_the_coach_answers(
    client: TestClient, headers: Headers, thread: str, world: World
) -> None:
    asked = client.post(
        thread, json={"body": "Legs heavy on the last rep"}, headers=headers["greta"]
    )
    assert asked.status_code == 201, asked.text
    answered = client.post(
        thread, json={"body": "Good. Keep the reps at 4:05 next week"}, headers=headers["cole"]
    )
    assert answered.status_code == 201, answered.text
    page = client.get(thread, headers=headers["greta"]).json()
    assert page["total"] == 2
    assert [(c["author_role"], c["body"], c["mine"]) for c in page["items"]] == [
        ("athlete", "Legs heavy on the last rep", True),
        ("coach", "Good. Keep the reps at 4:05 next week", False),
    ]
    assert page["items"][1]["author_name"] == world.cole.full_name


def test_the_list_is_paginated_with_a_total(
    client: TestClient, headers: Headers, thread: str
) -> None:
    for n in range(3):
        client.post(thread, json={"body": f"note {n}"}, headers=headers["cole"])
    page = client.get(thread, params={"page": 2, "page_size": 2}, headers=headers["cole"]).json()
    assert (page["total"], [c["body"] for c in page["items"]]) == (3, ["note 2"])


def test_a_retry_with_the_same_key_writes_once(
    client: TestClient, headers: Headers, thread: str
) -> None:
    key = {**headers["greta"], "Idempotency-Key": "comment-1"}
    first = client.post(thread, json={"body": "Done"}, headers=key)
    again = client.post(thread, json={"body": "Done"}, headers=key)
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert client.get(thread, headers=headers["greta"]).json()["total"] == 1


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001])
def test_empty_or_too_long_text_is_refused_naming_the_field(
    client: TestClient, headers: Headers, thread: str, text: str
) -> None:
    refused = client.post(thread, json={"body": text}, headers=headers["greta"])
    assert refused.status_code == 422
    assert refused.json()["detail"].startswith("body:")


@pytest.mark.parametrize("who", ["uma", "otto", "riley", "oona"])
def test_strangers_get_404(client: TestClient, headers: Headers, thread: str, who: str) -> None:
    assert client.get(thread, headers=headers[who]).status_code == 404
    assert client.post(thread, json={"body": "hi"}, headers=headers[who]).status_code == 404


def test_only_the_author_edits_or_deletes(
    client: TestClient, headers: Headers, thread: str, clock: Clock
) -> None:
    said = client.post(thread, json={"body": "Legs heavy"}, headers=headers["greta"]).json()
    path = f"/api/v1/comments/{said['id']}"
    assert client.patch(path, json={"body": "x"}, headers=headers["cole"]).status_code == 403
    assert client.delete(path, headers=headers["cole"]).status_code == 403
    assert client.patch(path, json={"body": "x"}, headers=headers["otto"]).status_code == 404
    clock.moment = NOW + timedelta(minutes=5)
    changed = client.patch(path, json={"body": "Legs very heavy"}, headers=headers["greta"])
    assert (changed.json()["body"], changed.json()["edited"]) == ("Legs very heavy", True)
    assert client.delete(path, headers=headers["greta"]).status_code == 204
    assert client.get(thread, headers=headers["greta"]).json()["total"] == 0


def test_a_logged_session_has_a_thread(client: TestClient, headers: Headers, world: World) -> None:
    log = client.post(
        f"/api/v1/athletes/{world.greta.id}/logs",
        json={"local_date": str(NOW.date()), "duration_s": 1800, "rpe": 4},
        headers=headers["greta"],
    ).json()
    path = f"/api/v1/logs/{log['id']}/comments"
    assert (
        client.post(path, json={"body": "Felt easy"}, headers=headers["greta"]).status_code == 201
    )
    assert client.get(path, headers=headers["cole"]).json()["items"][0]["body"] == "Felt easy"
    assert client.get(path, headers=headers["otto"]).status_code == 404
