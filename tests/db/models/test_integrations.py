"""Calendar feeds and webhooks as tables: one feed per athlete and token, an endpoint enabled by
default, messages of known events with a unique key, and one delivery per message and endpoint,
gone with either."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from runseason.db.models import CalendarFeed, WebhookDelivery, WebhookEndpoint, WebhookMessage
from tests.db.models.checks import accepted, refused
from tests.factories import World


def test_one_feed_per_athlete_and_per_token(db: Session, world: World) -> None:
    def feed(athlete_id: int, token: str) -> CalendarFeed:
        return CalendarFeed(
            organization_id=world.north.id, athlete_id=athlete_id, token_hash=token * 64
        )

    accepted(db, feed(world.greta.id, "a"))
    refused(db, feed(world.greta.id, "b"), "athlete_id")
    refused(db, feed(world.sam.id, "a"), "token_hash")
    accepted(db, feed(world.sam.id, "b"))


def test_a_delivery_per_message_and_endpoint_of_known_events(db: Session, world: World) -> None:
    endpoint = WebhookEndpoint(
        organization_id=world.north.id, url="https://hooks.example.com/rs", secret="s" * 32
    )
    accepted(db, endpoint)
    assert (endpoint.is_enabled, endpoint.event_types, endpoint.description) == (True, [], "")
    message = WebhookMessage(
        organization_id=world.north.id, message_key="m-1", event_type="checkin.created"
    )
    accepted(db, message)
    refused(
        db,
        WebhookMessage(organization_id=world.north.id, message_key="m-2", event_type="tea.time"),
        "event_type_valid",
    )
    refused(
        db,
        WebhookMessage(
            organization_id=world.north.id, message_key="m-1", event_type="plan.changed"
        ),
        "message_key",
    )

    def delivery() -> WebhookDelivery:
        return WebhookDelivery(
            organization_id=world.north.id, message_id=message.id, endpoint_id=endpoint.id
        )

    first = delivery()
    accepted(db, first)
    assert (first.status, first.attempts) == ("pending", 0)
    refused(db, delivery(), "webhook_deliveries")
    refused(db, first, "status_valid", status="lost")
    db.execute(delete(WebhookEndpoint).where(WebhookEndpoint.id == endpoint.id))
    left = db.scalar(select(func.count()).where(WebhookDelivery.message_id == message.id))
    assert left == 0
