"""Every creating POST honours Idempotency-Key: a retry replays, a different body is refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import RaceGoal, TrainingLog, TrainingPlan
from runseason.services.plans import library
from tests.conftest import shared_dir
from tests.factories import World

FIT = shared_dir() / "fixtures/activities/garmin-fenix-5-run.fit"

STRUCTURE = {
    "warmup_s": 600,
    "cooldown_s": 600,
    "steps": [
        {
            "repeat": 3,
            "work": {"duration_s": 300, "zone": "T"},
            "recover": {"duration_s": 60, "zone": "jog"},
        }
    ],
}

# (who, path, body and its variant) for each creating route without an upload
CASES: dict[str, Callable[[World], tuple[str, str, dict[str, Any], dict[str, Any]]]] = {
    "note": lambda w: (
        "cole",
        f"/api/v1/athletes/{w.greta.id}/notes",
        {"body": "a"},
        {"body": "b"},
    ),
    "task": lambda w: (
        "cole",
        f"/api/v1/athletes/{w.greta.id}/tasks",
        {"title": "a"},
        {"title": "b"},
    ),
    "health case": lambda w: (
        "cole",
        f"/api/v1/athletes/{w.greta.id}/health-cases",
        {"kind": "injury", "started_on": "2026-11-20"},
        {"kind": "illness", "started_on": "2026-11-20"},
    ),
    "template": lambda w: (
        "cole",
        "/api/v1/templates",
        {
            "code": "our-tempo",
            "name": "Our tempo",
            "category": "tempo",
            "phases": ["build"],
            "structure": STRUCTURE,
        },
        {
            "code": "our-tempo-2",
            "name": "Our tempo",
            "category": "tempo",
            "phases": ["build"],
            "structure": STRUCTURE,
        },
    ),
    "goal": lambda w: (
        "cole",
        f"/api/v1/athletes/{w.greta.id}/goals",
        {"name": "Spring 10K", "distance_m": 10000, "race_date": "2027-04-18"},
        {"name": "Spring 10K", "distance_m": 10000, "race_date": "2027-04-25"},
    ),
    "plan": lambda w: (
        "asha",
        f"/api/v1/athletes/{w.riley.id}/plans",
        {"race_distance_m": 21097.5, "race_date": "2027-03-28"},
        {"race_distance_m": 10000, "race_date": "2027-03-28"},
    ),
    "group": lambda w: (
        "cole",
        "/api/v1/groups",
        {"name": "Tuesday group", "athlete_ids": [w.greta.id]},
        {"name": "Thursday group", "athlete_ids": [w.greta.id]},
    ),
    "assignment": lambda w: (
        "ada",
        f"/api/v1/athletes/{w.greta.id}/assignments",
        {"coach_id": w.uma.id, "role": "assistant"},
        {"coach_id": w.uma.id, "role": "head"},
    ),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_a_retry_with_the_same_key_replays_the_first_answer(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, kind: str
) -> None:
    who, path, body, other = CASES[kind](world)
    sent = {**headers[who], "Idempotency-Key": f"retry-{kind.replace(' ', '-')}-0001"}
    first = client.post(path, json=body, headers=sent)
    assert first.status_code == 201, first.text
    again = client.post(path, json=body, headers=sent)
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    refused = client.post(path, json=other, headers=sent)
    assert refused.status_code == 409
    assert "Idempotency-Key" in refused.json()["detail"]


@pytest.mark.parametrize(("kind", "model"), [("goal", RaceGoal), ("plan", TrainingPlan)])
def test_a_retried_goal_or_plan_is_written_once(
    client: TestClient,
    headers: dict[str, dict[str, str]],
    world: World,
    db: Session,
    kind: str,
    model: type[RaceGoal] | type[TrainingPlan],
) -> None:
    who, path, body, _ = CASES[kind](world)
    sent = {**headers[who], "Idempotency-Key": f"once-{kind}-0001"}
    before = db.scalar(select(func.count()).select_from(model))
    answers = [client.post(path, json=body, headers=sent) for _ in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 201]
    assert len({a.json()["id"] for a in answers}) == 1
    assert db.scalar(select(func.count()).select_from(model)) == before + 1


def test_a_retried_upload_replays_its_answer_instead_of_a_duplicate_refusal(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, db: Session
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/logs/upload"
    files = {"file": ("run.fit", FIT.read_bytes(), "application/octet-stream")}
    sent = {**headers["greta"], "Idempotency-Key": "upload-run-fit-0001"}
    first = client.post(path, files=files, data={"rpe": "4"}, headers=sent)
    assert first.status_code == 201, first.text
    again = client.post(path, files=files, data={"rpe": "4"}, headers=sent)
    assert again.status_code == 201, again.text
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    logs = db.scalar(
        select(func.count())
        .select_from(TrainingLog)
        .where(TrainingLog.athlete_id == world.greta.id)
    )
    assert logs == 1
    other = client.post(path, files=files, data={"rpe": "6"}, headers=sent)
    assert other.status_code == 409
    assert "Idempotency-Key" in other.json()["detail"]


def test_a_retried_added_session_is_added_once(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, db: Session
) -> None:
    library.sync_builtin_library(db)
    who, path, body, _ = CASES["plan"](world)
    plan = client.post(path, json=body, headers=headers[who]).json()
    template = client.get("/api/v1/templates", headers=headers[who]).json()["items"][0]
    day = next(s["scheduled_date"] for s in plan["sessions"] if s["status"] == "planned")
    added = {"scheduled_date": day, "template_id": template["id"]}
    sent = {**headers[who], "Idempotency-Key": "add-session-0001"}
    url = f"/api/v1/plans/{plan['id']}/sessions"
    first = client.post(url, json=added, headers=sent)
    assert first.status_code == 201, first.text
    again = client.post(url, json=added, headers=sent)
    assert again.json() == first.json()
    assert len(first.json()["sessions"]) == len(plan["sessions"]) + 1
    now = client.get(f"/api/v1/plans/{plan['id']}", headers=headers[who]).json()
    assert len(now["sessions"]) == len(plan["sessions"]) + 1
