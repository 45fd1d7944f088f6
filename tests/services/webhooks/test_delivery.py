"""Deliveries to a real local receiver: signed per Standard Webhooks (checked with the
``standardwebhooks`` verifier), retried with jitter over more than a day, 410 and exhausted
endpoints turned off with the admin told, redirects not followed, addresses checked at each send."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from standardwebhooks.webhooks import Webhook

from runseason.config import reset_settings_cache
from runseason.db.models import ErrorEvent, WebhookDelivery, WebhookEndpoint, WebhookMessage
from runseason.db.types import utcnow
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.integrations import WebhookEndpointCreate
from runseason.services import checkins
from runseason.services.webhooks import delivery, endpoints
from tests.factories import World, actor
from tests.webhook_receiver import receiving

pytestmark = pytest.mark.usefixtures("loopback")


def _endpoint(db: Session, world: World, url: str) -> tuple[int, str]:
    data = WebhookEndpointCreate(url=url, event_types=["checkin.created"])
    made = endpoints.create_endpoint(db, actor(db, world.ada), data, now=utcnow())
    return made.id, made.secret


def _checkin(db: Session, world: World) -> None:
    data = CheckInCreate(sleep_quality=4, energy=4, recovery=4, stress=4)
    checkins.submit_checkin(db, actor(db, world.cole), world.greta.id, data, now=utcnow())
    db.flush()


def _delivery(db: Session, endpoint_id: int) -> WebhookDelivery:
    db.expire_all()
    found = db.scalar(select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint_id))
    assert found is not None
    return found


def test_a_check_in_reaches_the_receiver_signed_as_the_standard_says(
    db: Session, world: World
) -> None:
    with receiving() as receiver:
        endpoint_id, secret = _endpoint(db, world, receiver.url)
        _checkin(db, world)
        assert delivery.deliver_due(now=utcnow()) == 1
    (request,) = receiver.requests
    payload = Webhook(secret).verify(request.body, request.headers)
    assert payload["type"] == "checkin.created"
    assert payload["data"]["athlete_id"] == world.greta.id
    assert request.headers["webhook-id"].startswith("msg_")
    with pytest.raises(Exception, match="signature"):
        Webhook(endpoints.new_secret()).verify(request.body, request.headers)
    log = endpoints.list_deliveries(db, actor(db, world.ada), endpoint_id)
    assert [(d.status, d.attempts, d.webhook_id) for d in log] == [
        ("delivered", 1, request.headers["webhook-id"])
    ]


def test_failures_are_retried_with_jitter_for_over_a_day_then_the_endpoint_is_turned_off(
    db: Session, world: World
) -> None:
    with receiving(lambda *_: (500, {})) as receiver:
        endpoint_id, _ = _endpoint(db, world, receiver.url)
        _checkin(db, world)
        moment = first = utcnow()
        for attempt, delay in enumerate(delivery.RETRY_DELAYS_S, start=1):
            assert delivery.deliver_due(now=moment) == 1
            row = _delivery(db, endpoint_id)
            assert (row.status, row.attempts) == ("pending", attempt)
            waited = (row.next_attempt_at - moment).total_seconds()
            assert delay <= waited <= delay * 1.2
            assert delivery.deliver_due(now=moment + timedelta(seconds=waited - 1)) == 0
            moment = row.next_attempt_at
        assert delivery.deliver_due(now=moment) == 1
    row = _delivery(db, endpoint_id)
    assert (row.status, row.attempts, row.last_status_code) == ("failed", 8, 500)
    assert moment - first > timedelta(hours=24)
    assert len({r.headers["webhook-id"] for r in receiver.requests}) == 1
    endpoint = db.get(WebhookEndpoint, endpoint_id)
    assert endpoint is not None
    assert not endpoint.is_enabled
    told = db.scalars(select(ErrorEvent).where(ErrorEvent.organization_id == world.north.id))
    assert any(receiver.url in e.message and "turned off" in e.message for e in told)


class _Extreme(random.Random):
    """Draws always the low end (or the high end) of a range."""

    def __init__(self, high: bool) -> None:
        super().__init__(0)
        self.high = high

    def uniform(self, a: float, b: float) -> float:
        return b if self.high else a


@pytest.mark.parametrize("high", [False, True], ids=["shortest", "longest"])
def test_the_tries_span_over_a_day_however_the_jitter_falls(high: bool) -> None:
    first = moment = utcnow()
    waits = []
    for attempts in range(1, len(delivery.RETRY_DELAYS_S) + 1):
        after = delivery.retry_at(attempts, moment, rng=_Extreme(high))
        assert after is not None
        waits.append(after - moment)
        moment = after
    assert delivery.retry_at(len(delivery.RETRY_DELAYS_S) + 1, moment) is None
    assert moment - first > timedelta(hours=24)
    assert all(
        timedelta(seconds=d) <= w for d, w in zip(delivery.RETRY_DELAYS_S, waits, strict=True)
    )
    assert moment - first <= timedelta(seconds=sum(delivery.RETRY_DELAYS_S) * 1.2)


def test_a_410_turns_the_endpoint_off_at_once(db: Session, world: World) -> None:
    with receiving(lambda *_: (410, {})) as receiver:
        endpoint_id, _ = _endpoint(db, world, receiver.url)
        _checkin(db, world)
        delivery.deliver_due(now=utcnow())
    endpoint = db.get(WebhookEndpoint, endpoint_id)
    assert endpoint is not None
    db.refresh(endpoint)
    assert not endpoint.is_enabled
    assert "410" in (endpoint.disabled_reason or "")
    assert _delivery(db, endpoint_id).status == "failed"


def test_redirects_are_not_followed(db: Session, world: World) -> None:
    with receiving() as elsewhere, receiving(lambda *_: (307, {"location": elsewhere.url})) as r:
        endpoint_id, _ = _endpoint(db, world, r.url)
        _checkin(db, world)
        delivery.deliver_due(now=utcnow())
    assert len(r.requests) == 1
    assert elsewhere.requests == []
    row = _delivery(db, endpoint_id)
    assert (row.status, row.last_status_code) == ("pending", 307)
    assert "redirect" in (row.last_error or "")


def test_the_address_is_checked_again_at_each_delivery(
    db: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    with receiving() as receiver:
        endpoint_id, _ = _endpoint(db, world, receiver.url)
        _checkin(db, world)
        monkeypatch.delenv("RUNSEASON_WEBHOOKS_ALLOW_LOOPBACK")
        reset_settings_cache()
        delivery.deliver_due(now=utcnow())
        monkeypatch.setenv("RUNSEASON_WEBHOOKS_ALLOW_LOOPBACK", "true")
    assert receiver.requests == []
    row = _delivery(db, endpoint_id)
    assert (row.status, row.attempts, row.last_status_code) == ("pending", 1, None)
    assert "private, loopback" in (row.last_error or "")


def test_a_manual_retry_sends_again_with_the_same_webhook_id(db: Session, world: World) -> None:
    with receiving() as receiver:
        endpoint_id, _ = _endpoint(db, world, receiver.url)
        _checkin(db, world)
        delivery.deliver_due(now=utcnow())
        row = _delivery(db, endpoint_id)
        endpoints.retry_delivery(db, actor(db, world.ada), row.id, now=utcnow())
        db.flush()
        assert delivery.deliver_due(now=utcnow()) == 1
    first, again = receiver.requests
    assert first.headers["webhook-id"] == again.headers["webhook-id"]
    assert first.body == again.body
    assert _delivery(db, endpoint_id).attempts == 2


def test_finished_events_leave_the_log_after_thirty_days(db: Session, world: World) -> None:
    old = utcnow() - timedelta(days=31)
    endpoint_id, _ = _endpoint(db, world, "http://127.0.0.1:9/hooks")
    kept = {}
    for key, status, when in (
        ("msg_old_done", "delivered", old),
        ("msg_old_waiting", "pending", old),
        ("msg_new_done", "delivered", utcnow()),
    ):
        row = WebhookMessage(
            organization_id=world.north.id,
            message_key=key,
            event_type="plan.changed",
            payload={},
            dispatched_at=when,
        )
        db.add(row)
        db.flush()
        db.add(
            WebhookDelivery(
                organization_id=world.north.id,
                message_id=row.id,
                endpoint_id=endpoint_id,
                status=status,
            )
        )
        kept[key] = row.id
    db.flush()
    assert delivery.prune_messages(now=utcnow()) == 1
    db.expire_all()
    left = set(db.scalars(select(WebhookMessage.message_key)))
    assert left == {"msg_old_waiting", "msg_new_done"}
    assert (
        db.scalar(select(WebhookDelivery).where(WebhookDelivery.message_id == kept["msg_old_done"]))
        is None
    )
