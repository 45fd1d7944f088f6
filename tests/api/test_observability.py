"""What an operator sees: Prometheus metrics and one log line per request, without secrets."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from runseason.config import load_settings, reset_settings_cache
from runseason.logging import configure_logging
from runseason.services.refresh import queue
from tests.api.conftest import login
from tests.factories import NOW, PASSWORD, World


def _value(text: str, name: str) -> float:
    for line in text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{name} not in the metrics")


def test_metrics_show_latency_by_route_the_queue_and_sign_in_failures(
    client: TestClient, world: World, db: Session
) -> None:
    queue.enqueue(db, world.greta.id, world.north.id, date(2026, 11, 20), now=NOW)
    before = _value(client.get("/metrics").text, "runseason_signin_failures_total")
    wrong = client.post("/api/v1/auth/login", json={"email": world.cole.email, "password": "no!"})
    assert wrong.status_code == 401
    client.get(f"/api/v1/athletes/{world.greta.id}", headers=login(client, world.cole.email))
    answer = client.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    text = answer.text
    assert _value(text, "runseason_signin_failures_total") == before + 1
    assert _value(text, "runseason_refresh_queue_depth") >= 1
    assert 'route="/api/v1/athletes/{athlete_id}"' in text
    assert f"/athletes/{world.greta.id}" not in text  # templates, never raw paths


def test_metrics_ask_for_the_token_when_one_is_set(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNSEASON_METRICS_TOKEN", "scraper-secret-1234")
    reset_settings_cache()
    try:
        assert client.get("/metrics").status_code == 401
        ok = client.get("/metrics", headers={"Authorization": "Bearer scraper-secret-1234"})
        assert ok.status_code == 200
    finally:
        monkeypatch.delenv("RUNSEASON_METRICS_TOKEN")
        reset_settings_cache()


def test_each_request_logs_one_line_without_tokens_passwords_or_health_values(
    client: TestClient, world: World, db: Session
) -> None:
    stream = io.StringIO()
    configure_logging(load_settings(log_format="json"), stream=stream)
    try:
        riley = world.user_of(world.riley, db)
        auth = login(client, riley.email)
        token = auth["Authorization"].removeprefix("Bearer ")
        client.post("/api/v1/auth/login", json={"email": riley.email, "password": "canary-pw-77"})
        answer = client.post(
            f"/api/v1/athletes/{world.riley.id}/checkins",
            headers=auth,
            json={
                "sleep_quality": 4,
                "energy": 4,
                "recovery": 4,
                "stress": 2,
                "note": "canary-knee-sore-88",
                "pain_severity": 3,
            },
        )
        assert answer.status_code == 201, answer.text
    finally:
        configure_logging(load_settings(log_format="json"), stream=io.StringIO())
    text = stream.getvalue()
    for secret in (token, "canary-pw-77", "canary-knee-sore-88", PASSWORD):
        assert secret not in text
    lines = [json.loads(line) for line in text.splitlines()]
    requests = [line for line in lines if line["event"] == "request"]
    checkin = next(r for r in requests if r["method"] == "POST" and "checkins" in r["route"])
    assert checkin["route"] == "/api/v1/athletes/{athlete_id}/checkins"
    assert checkin["status"] == 201
    assert checkin["actor_id"] == riley.id
    assert checkin["request_id"]
    assert checkin["duration_ms"] >= 0
