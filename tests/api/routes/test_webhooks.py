"""Webhook endpoints over HTTP: admins only, bad addresses named, the log and a retry."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from runseason.db.models import WebhookDelivery, WebhookMessage
from runseason.db.types import utcnow
from tests.factories import World

PUBLIC = "https://93.184.215.14/hooks"


def test_an_admin_registers_lists_changes_and_removes_an_endpoint(
    client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    ada = headers["ada"]
    made = client.post(
        "/api/v1/webhook-endpoints",
        json={"url": PUBLIC, "event_types": ["checkin.created"]},
        headers=ada,
    )
    assert made.status_code == 201, made.text
    assert made.json()["secret"].startswith("whsec_")
    endpoint_id = made.json()["id"]
    listed = client.get("/api/v1/webhook-endpoints", headers=ada).json()
    assert [e["url"] for e in listed] == [PUBLIC]
    assert "secret" not in listed[0]
    changed = client.patch(
        f"/api/v1/webhook-endpoints/{endpoint_id}", json={"enabled": False}, headers=ada
    )
    assert changed.json()["is_enabled"] is False
    assert client.delete(f"/api/v1/webhook-endpoints/{endpoint_id}", headers=ada).status_code == 204


def test_private_addresses_and_unknown_events_are_refused_naming_the_field(
    client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    ada = headers["ada"]
    metadata = client.post(
        "/api/v1/webhook-endpoints",
        json={"url": "http://169.254.169.254/latest"},
        headers=ada,
    )
    assert metadata.status_code == 422
    assert "url" in metadata.json()["detail"]
    event = client.post(
        "/api/v1/webhook-endpoints",
        json={"url": PUBLIC, "event_types": ["athlete.deleted"]},
        headers=ada,
    )
    assert event.status_code == 422
    assert "event_types" in event.text
    assert client.get("/api/v1/webhook-endpoints", headers=ada).json() == []


def test_coaches_and_athletes_are_refused(
    client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    for who in ("cole", "greta"):
        answer = client.post(
            "/api/v1/webhook-endpoints", json={"url": PUBLIC}, headers=headers[who]
        )
        assert answer.status_code == 403


def test_the_delivery_log_and_a_manual_retry(
    client: TestClient, headers: dict[str, dict[str, str]], db: Session, world: World
) -> None:
    ada = headers["ada"]
    endpoint_id = client.post(
        "/api/v1/webhook-endpoints", json={"url": PUBLIC}, headers=ada
    ).json()["id"]
    message = WebhookMessage(
        organization_id=world.north.id,
        message_key="msg_test",
        event_type="plan.changed",
        payload={"type": "plan.changed"},
        dispatched_at=utcnow(),
    )
    db.add(message)
    db.flush()
    failed = WebhookDelivery(
        organization_id=world.north.id,
        message_id=message.id,
        endpoint_id=endpoint_id,
        status="failed",
        attempts=8,
        last_status_code=500,
    )
    db.add(failed)
    db.flush()
    log = client.get(f"/api/v1/webhook-endpoints/{endpoint_id}/deliveries", headers=ada).json()
    assert [(d["webhook_id"], d["status"], d["attempts"]) for d in log] == [
        ("msg_test", "failed", 8)
    ]
    retried = client.post(f"/api/v1/webhook-deliveries/{failed.id}/retry", headers=ada)
    assert retried.status_code == 200
    assert retried.json()["status"] == "pending"
    retry = f"/api/v1/webhook-deliveries/{failed.id}/retry"
    assert client.post(retry, headers=headers["cole"]).status_code == 403
    assert client.post(retry, headers=headers["otto"]).status_code == 404
