"""Every creating POST honours Idempotency-Key: a retry replays, a different body is refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import World

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
