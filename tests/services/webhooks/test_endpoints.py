"""Admins register, change and remove endpoints; the default policy refuses loopback."""

from __future__ import annotations

import base64

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import WebhookEndpoint
from runseason.db.types import utcnow
from runseason.errors import InvalidInput, NotFound, PermissionDenied
from runseason.schemas.integrations import WebhookEndpointCreate, WebhookEndpointUpdate
from runseason.services.identity.access import Actor
from runseason.services.webhooks import endpoints
from tests.factories import World, actor

PUBLIC = "https://93.184.215.14/hooks"


def test_an_admin_registers_a_public_endpoint_with_a_whsec_secret(
    db: Session, world: World
) -> None:
    data = WebhookEndpointCreate(url=PUBLIC, description="CRM", event_types=["plan.changed"])
    made = endpoints.create_endpoint(db, actor(db, world.ada), data, now=utcnow())
    assert made.secret.startswith("whsec_")
    assert len(base64.b64decode(made.secret.removeprefix("whsec_"))) == 24
    (listed,) = endpoints.list_endpoints(db, actor(db, world.ada))
    assert (listed.url, listed.event_types, listed.is_enabled) == (PUBLIC, ["plan.changed"], True)
    assert "secret" not in listed.model_dump()


def test_the_default_policy_refuses_loopback_and_writes_nothing(db: Session, world: World) -> None:
    data = WebhookEndpointCreate(url="http://127.0.0.1:9000/hooks")
    with pytest.raises(InvalidInput, match="url"):
        endpoints.create_endpoint(db, actor(db, world.ada), data, now=utcnow())
    assert db.scalar(select(func.count()).select_from(WebhookEndpoint)) == 0


def test_only_admins_of_the_organization_manage_endpoints(db: Session, world: World) -> None:
    made = endpoints.create_endpoint(
        db, actor(db, world.ada), WebhookEndpointCreate(url=PUBLIC), now=utcnow()
    )
    with pytest.raises(PermissionDenied):
        endpoints.list_endpoints(db, actor(db, world.cole))
    with pytest.raises(PermissionDenied):
        endpoints.create_endpoint(
            db, actor(db, world.ada, scope="read"), WebhookEndpointCreate(url=PUBLIC), now=utcnow()
        )
    south_admin = Actor(world.otto.id, world.south.id, "admin")
    with pytest.raises(NotFound):
        endpoints.delete_endpoint(db, south_admin, made.id)


def test_turning_off_and_on_and_changing_the_address_is_checked(db: Session, world: World) -> None:
    ada = actor(db, world.ada)
    made = endpoints.create_endpoint(db, ada, WebhookEndpointCreate(url=PUBLIC), now=utcnow())
    off = endpoints.update_endpoint(db, ada, made.id, WebhookEndpointUpdate(enabled=False))
    assert (off.is_enabled, off.disabled_reason) == (False, "turned off by an admin")
    on = endpoints.update_endpoint(db, ada, made.id, WebhookEndpointUpdate(enabled=True))
    assert (on.is_enabled, on.disabled_reason) == (True, None)
    with pytest.raises(InvalidInput, match="url"):
        endpoints.update_endpoint(db, ada, made.id, WebhookEndpointUpdate(url="http://10.1.1.1/x"))
    endpoints.delete_endpoint(db, ada, made.id)
    assert endpoints.list_endpoints(db, ada) == []
