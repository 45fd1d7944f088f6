"""Outbound webhooks: the organization's endpoints (admins only), their delivery log and retry."""

from __future__ import annotations

from fastapi import Response

from runseason.api.deps import CurrentActor, Db, Now, PathId
from runseason.api.router import Router
from runseason.schemas.integrations import (
    WebhookDeliveryRead,
    WebhookEndpointCreate,
    WebhookEndpointCreated,
    WebhookEndpointRead,
    WebhookEndpointUpdate,
)
from runseason.services.webhooks import endpoints

router = Router(tags=["admin"])


@router.get("/webhook-endpoints", response_model=list[WebhookEndpointRead])
def list_webhook_endpoints(actor: CurrentActor, session: Db) -> list[WebhookEndpointRead]:
    """The organization's webhook endpoints."""
    return endpoints.list_endpoints(session, actor)


@router.post("/webhook-endpoints", response_model=WebhookEndpointCreated, status_code=201)
def create_webhook_endpoint(
    data: WebhookEndpointCreate, actor: CurrentActor, session: Db, now: Now
) -> WebhookEndpointCreated:
    """Register an endpoint (public addresses only); its `whsec_` secret is shown this once."""
    return endpoints.create_endpoint(session, actor, data, now=now)


@router.patch("/webhook-endpoints/{endpoint_id}", response_model=WebhookEndpointRead)
def update_webhook_endpoint(
    endpoint_id: PathId, data: WebhookEndpointUpdate, actor: CurrentActor, session: Db
) -> WebhookEndpointRead:
    """Change an endpoint's address, description or events, or turn it on or off."""
    return endpoints.update_endpoint(session, actor, endpoint_id, data)


@router.delete("/webhook-endpoints/{endpoint_id}", status_code=204)
def delete_webhook_endpoint(endpoint_id: PathId, actor: CurrentActor, session: Db) -> Response:
    """Remove an endpoint and its delivery log."""
    endpoints.delete_endpoint(session, actor, endpoint_id)
    return Response(status_code=204)


@router.get("/webhook-endpoints/{endpoint_id}/deliveries", response_model=list[WebhookDeliveryRead])
def list_webhook_deliveries(
    endpoint_id: PathId, actor: CurrentActor, session: Db
) -> list[WebhookDeliveryRead]:
    """The endpoint's delivery log, newest first."""
    return endpoints.list_deliveries(session, actor, endpoint_id)


@router.post("/webhook-deliveries/{delivery_id}/retry", response_model=WebhookDeliveryRead)
def retry_webhook_delivery(
    delivery_id: PathId, actor: CurrentActor, session: Db, now: Now
) -> WebhookDeliveryRead:
    """Send a delivery again at the worker's next run (the same webhook-id)."""
    return endpoints.retry_delivery(session, actor, delivery_id, now=now)
