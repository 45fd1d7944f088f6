"""The organization's webhook endpoints, kept by its admins: register, change, remove; the
delivery log of each, and a manual retry of one delivery."""

from __future__ import annotations

import base64
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import WebhookDelivery, WebhookEndpoint, WebhookMessage
from runseason.errors import InvalidInput, NotFound
from runseason.schemas.integrations import (
    WebhookDeliveryRead,
    WebhookEndpointCreate,
    WebhookEndpointCreated,
    WebhookEndpointRead,
    WebhookEndpointUpdate,
)
from runseason.services.identity.access import Actor, require_role, require_write
from runseason.services.webhooks.addresses import check_url

SECRET_PREFIX = "whsec_"  # noqa: S105 - the standard's prefix, not a secret
LOG_LENGTH = 200


def new_secret() -> str:
    """A Standard Webhooks signing secret: "whsec_" and 24 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def _admin(actor: Actor, *, write: bool = False) -> None:
    require_role(actor, "admin")
    if write:
        require_write(actor)


def get_endpoint(session: Session, actor: Actor, endpoint_id: int) -> WebhookEndpoint:
    """An endpoint of the actor's organization (``NotFound`` for any other, before any role
    check, so ids never leak across tenants)."""
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or endpoint.organization_id != actor.organization_id:
        raise NotFound("webhook endpoint not found")
    return endpoint


def create_endpoint(
    session: Session, actor: Actor, data: WebhookEndpointCreate, *, now: datetime
) -> WebhookEndpointCreated:
    """Register an endpoint (a public address only); its secret is in the answer, once."""
    _admin(actor, write=True)
    check_url(data.url)
    endpoint = WebhookEndpoint(
        organization_id=actor.organization_id,
        url=data.url,
        description=data.description,
        event_types=sorted(set(data.event_types)),
        secret=new_secret(),
        created_at=now,
        updated_at=now,
        created_by_id=actor.user_id,
    )
    session.add(endpoint)
    session.flush()
    read = WebhookEndpointRead.model_validate(endpoint)
    return WebhookEndpointCreated(**read.model_dump(), secret=endpoint.secret)


def list_endpoints(session: Session, actor: Actor) -> list[WebhookEndpointRead]:
    """The organization's endpoints, oldest first."""
    _admin(actor)
    rows = session.scalars(
        select(WebhookEndpoint)
        .where(WebhookEndpoint.organization_id == actor.organization_id)
        .order_by(WebhookEndpoint.id)
    )
    return [WebhookEndpointRead.model_validate(r) for r in rows]


def update_endpoint(
    session: Session, actor: Actor, endpoint_id: int, data: WebhookEndpointUpdate
) -> WebhookEndpointRead:
    """Change an endpoint's address, description or events, or turn it on or off."""
    endpoint = get_endpoint(session, actor, endpoint_id)
    _admin(actor, write=True)
    if data.url is not None:
        check_url(data.url)
        endpoint.url = data.url
    if data.description is not None:
        endpoint.description = data.description
    if data.event_types is not None:
        endpoint.event_types = sorted(set(data.event_types))
    if data.enabled is not None:
        endpoint.is_enabled = data.enabled
        endpoint.disabled_reason = None if data.enabled else "turned off by an admin"
    session.flush()
    return WebhookEndpointRead.model_validate(endpoint)


def delete_endpoint(session: Session, actor: Actor, endpoint_id: int) -> None:
    """Remove an endpoint and its delivery log."""
    endpoint = get_endpoint(session, actor, endpoint_id)
    _admin(actor, write=True)
    session.delete(endpoint)
    session.flush()


def _log_rows(session: Session, condition: object, limit: int) -> list[WebhookDeliveryRead]:
    rows = session.execute(
        select(
            WebhookDelivery,
            WebhookMessage.message_key,
            WebhookMessage.event_type,
            WebhookMessage.created_at,
        )
        .join(WebhookMessage, WebhookMessage.id == WebhookDelivery.message_id)
        .where(condition)  # type: ignore[arg-type]
        .order_by(WebhookDelivery.id.desc())
        .limit(limit)
    )
    return [
        WebhookDeliveryRead(
            id=d.id,
            endpoint_id=d.endpoint_id,
            webhook_id=key,
            event_type=kind,
            created_at=created,
            status=d.status,
            attempts=d.attempts,
            next_attempt_at=d.next_attempt_at if d.status == "pending" else None,
            last_attempt_at=d.last_attempt_at,
            last_status_code=d.last_status_code,
            last_error=d.last_error,
            delivered_at=d.delivered_at,
        )
        for d, key, kind, created in rows
    ]


def list_deliveries(
    session: Session, actor: Actor, endpoint_id: int, *, limit: int = LOG_LENGTH
) -> list[WebhookDeliveryRead]:
    """The endpoint's delivery log, newest first."""
    endpoint = get_endpoint(session, actor, endpoint_id)
    _admin(actor)
    return _log_rows(session, WebhookDelivery.endpoint_id == endpoint.id, limit)


def retry_delivery(
    session: Session, actor: Actor, delivery_id: int, *, now: datetime
) -> WebhookDeliveryRead:
    """Send a delivery again at the worker's next run (same webhook-id, a fresh signature)."""
    delivery = session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.organization_id != actor.organization_id:
        raise NotFound("webhook delivery not found")
    _admin(actor, write=True)
    endpoint = session.get(WebhookEndpoint, delivery.endpoint_id)
    if endpoint is None or not endpoint.is_enabled:
        raise InvalidInput("enabled: turn the endpoint on before retrying its deliveries")
    delivery.status = "pending"
    delivery.next_attempt_at = now
    session.flush()
    return _log_rows(session, WebhookDelivery.id == delivery.id, 1)[0]
