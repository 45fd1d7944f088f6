"""Assisted mode over HTTP: the athlete reads the day's suggestion and answers it; the coach sees
the answer."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession
from runseason.domain.dates import local_date
from tests.factories import NOW, World
from tests.services.coaching_days import plan_today

API = "/api/v1"

AMBER = {"sleep_quality": 3, "energy": 3, "recovery": 3, "stress": 3}


def _amber_check_in(client: TestClient, world: World, headers: dict[str, str]) -> None:
    day = local_date(NOW, world.greta.timezone).isoformat()
    response = client.post(
        f"{API}/athletes/{world.greta.id}/checkins",
        json={**AMBER, "local_date": day},
        headers=headers,
    )
    assert response.status_code == 201, response.text


def test_the_athlete_accepts_a_suggestion_and_the_coach_sees_it(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, db: Session
) -> None:
    planned = plan_today(db, world, world.greta)
    _amber_check_in(client, world, headers["greta"])
    mine = client.get(f"{API}/athletes/{world.greta.id}/suggestion", headers=headers["greta"])
    assert mine.status_code == 200, mine.text
    suggestion = mine.json()
    assert (
        suggestion["title"] == "Drop the intensity: easy running only: readiness in the amber band"
    )
    assert suggestion["answer"] is None
    assert not re.search(r"[a-z]+_[a-z]+", suggestion["title"] + suggestion["rationale"])
    coach_answer = client.post(
        f"{API}/suggestions/{suggestion['id']}/answer",
        json={"answer": "accept"},
        headers=headers["cole"],
    )
    assert coach_answer.status_code == 403
    answered = client.post(
        f"{API}/suggestions/{suggestion['id']}/answer",
        json={"answer": "accept"},
        headers=headers["greta"],
    )
    assert answered.status_code == 200, answered.text
    assert answered.json()["answer"] == "accepted"
    db.expire_all()
    session_row = db.get(PlannedSession, planned.id)
    assert session_row is not None
    assert not session_row.is_hard
    seen = client.get(f"{API}/athletes/{world.greta.id}/suggestion", headers=headers["cole"])
    assert seen.json()["answer"] == "accepted"
    timeline = client.get(f"{API}/athletes/{world.greta.id}/timeline", headers=headers["cole"])
    said = [str(e) for e in timeline.json()["items"] if e["kind"] == "recommendation"]
    assert any("The athlete accepted the suggestion" in e for e in said)
    again = client.post(
        f"{API}/suggestions/{suggestion['id']}/answer",
        json={"answer": "decline"},
        headers=headers["greta"],
    )
    assert again.status_code == 409


def test_the_athlete_declines_and_the_plan_stays(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, db: Session
) -> None:
    planned = plan_today(db, world, world.greta)
    _amber_check_in(client, world, headers["greta"])
    suggestion = client.get(
        f"{API}/athletes/{world.greta.id}/suggestion", headers=headers["greta"]
    ).json()
    declined = client.post(
        f"{API}/suggestions/{suggestion['id']}/answer",
        json={"answer": "decline"},
        headers=headers["greta"],
    )
    assert declined.json()["answer"] == "declined"
    db.expire_all()
    session_row = db.get(PlannedSession, planned.id)
    assert session_row is not None
    assert session_row.is_hard
    # A refresh of the same day keeps the answer instead of asking again.
    _amber_check_in(client, world, headers["greta"])
    still = client.get(f"{API}/athletes/{world.greta.id}/suggestion", headers=headers["cole"])
    assert still.json()["answer"] == "declined"


def test_no_suggestion_without_one(
    client: TestClient, headers: dict[str, dict[str, str]], world: World
) -> None:
    response = client.get(f"{API}/athletes/{world.greta.id}/suggestion", headers=headers["greta"])
    assert response.status_code == 200
    assert response.json() is None
    other = client.get(f"{API}/athletes/{world.greta.id}/suggestion", headers=headers["oona"])
    assert other.status_code == 404
