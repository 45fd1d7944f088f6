"""The worker's job: turn new events into deliveries and send every delivery that is due.

Each run fans new outbox messages out to the endpoints subscribed to them, then claims due
deliveries with a lease (a worker killed mid-send leaves them to the next run after the lease),
signs and sends them over HTTP without holding a transaction, and records each answer. A 2xx is
delivered; a failure is tried again after Standard Webhooks' schedule (5 s, 5 min, 30 min, 2 h,
5 h, 10 h, 10 h: over 27 hours), each wait up to 20 % longer at random so that endpoints that
failed together are not all tried again at once (never shorter, so the tries always span more than
a day); 410 Gone turns the endpoint off at once, and a delivery that runs out of tries turns it off
and tells the organization's admins. A delivery may arrive twice (a lost answer, a killed worker),
always with the same webhook-id.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
import structlog
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session
from standardwebhooks.webhooks import Webhook

from runseason import __version__
from runseason.db.models import ErrorEvent, WebhookDelivery, WebhookEndpoint, WebhookMessage
from runseason.db.session import session_scope
from runseason.errors import InvalidInput
from runseason.services.webhooks.addresses import check_url

log = structlog.get_logger("runseason.webhooks")
RETRY_DELAYS_S = (5, 300, 1800, 7200, 18000, 36000, 36000)
JITTER = 0.2
LEASE = timedelta(minutes=2)
KEPT = timedelta(days=30)  # how long a finished event stays in the delivery log
BATCH = 200
DISPATCH_BATCH = 1000
SENDERS = 8
TIMEOUT_S = 10.0
USER_AGENT = f"RunSeasonCommand-Webhooks/{__version__}"


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A claimed delivery with what its request needs."""

    delivery_id: int
    url: str
    secret: str
    webhook_id: str
    body: str


@dataclass(frozen=True, slots=True)
class Answer:
    """What became of one send: the status code, or why there was none."""

    delivery_id: int
    status_code: int | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the receiver took it (any 2xx)."""
        return self.status_code is not None and 200 <= self.status_code < 300


def dispatch_messages(session: Session, *, now: datetime, limit: int = DISPATCH_BATCH) -> int:
    """Make one delivery per subscribed, enabled endpoint for new messages; how many messages."""
    ids = list(
        session.scalars(
            select(WebhookMessage.id)
            .where(WebhookMessage.dispatched_at.is_(None))
            .order_by(WebhookMessage.id)
            .limit(limit)
        )
    )
    if not ids:
        return 0
    claimed = list(
        session.scalars(
            update(WebhookMessage)
            .where(WebhookMessage.id.in_(ids), WebhookMessage.dispatched_at.is_(None))
            .values(dispatched_at=now)
            .returning(WebhookMessage.id)
        )
    )
    messages = session.execute(
        select(WebhookMessage.id, WebhookMessage.organization_id, WebhookMessage.event_type).where(
            WebhookMessage.id.in_(claimed)
        )
    ).all()
    endpoints = session.execute(
        select(
            WebhookEndpoint.id, WebhookEndpoint.organization_id, WebhookEndpoint.event_types
        ).where(
            WebhookEndpoint.organization_id.in_({m.organization_id for m in messages}),
            WebhookEndpoint.is_enabled.is_(True),
        )
    ).all()
    rows = [
        {
            "organization_id": m.organization_id,
            "message_id": m.id,
            "endpoint_id": e.id,
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": now,
        }
        for m in messages
        for e in endpoints
        if e.organization_id == m.organization_id
        and (not e.event_types or m.event_type in e.event_types)
    ]
    if rows:
        session.execute(insert(WebhookDelivery), rows)
    return len(ids)


def claim_due(session: Session, *, now: datetime, limit: int = BATCH) -> list[Outgoing]:
    """Lease up to ``limit`` due deliveries to this worker; those of turned-off endpoints end."""
    due = select(WebhookDelivery.id).where(
        WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now
    )
    if session.get_bind().dialect.name != "sqlite":
        due = due.with_for_update(skip_locked=True)
    ids = list(session.scalars(due.order_by(WebhookDelivery.next_attempt_at).limit(limit)))
    if not ids:
        return []
    leased = list(
        session.scalars(
            update(WebhookDelivery)
            .where(WebhookDelivery.id.in_(ids), WebhookDelivery.status == "pending")
            .values(next_attempt_at=now + LEASE)
            .returning(WebhookDelivery.id)
        )
    )
    found = session.execute(
        select(
            WebhookDelivery.id,
            WebhookEndpoint.url,
            WebhookEndpoint.secret,
            WebhookEndpoint.is_enabled,
            WebhookMessage.message_key,
            WebhookMessage.payload,
        )
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .join(WebhookMessage, WebhookMessage.id == WebhookDelivery.message_id)
        .where(WebhookDelivery.id.in_(leased))
        .order_by(WebhookDelivery.id)
    ).all()
    off = [r.id for r in found if not r.is_enabled]
    if off:
        session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id.in_(off))
            .values(status="cancelled", last_error="the endpoint is turned off")
        )
    return [
        Outgoing(r.id, r.url, r.secret, r.message_key, json.dumps(r.payload, separators=(",", ":")))
        for r in found
        if r.is_enabled
    ]


def _pinned(url: str) -> tuple[str, dict[str, str], dict[str, Any]]:
    """The URL aimed at the checked address (no second lookup), its Host header and TLS name."""
    host, port, address = check_url(url)
    scheme, rest = url.split("://", 1)
    path = rest[len(rest.split("/", 1)[0]) :] or "/"
    literal = f"[{address}]" if address.version == 6 else str(address)
    default = 443 if scheme == "https" else 80
    netloc = host if port == default else f"{host}:{port}"
    extensions = {"sni_hostname": host} if scheme == "https" else {}
    return f"{scheme}://{literal}:{port}{path}", {"Host": netloc}, extensions


def send(client: httpx.Client, item: Outgoing, *, now: datetime) -> Answer:
    """One signed POST (the address checked again first; redirects are not followed)."""
    try:
        url, headers, extensions = _pinned(item.url)
    except InvalidInput as refused:
        return Answer(item.delivery_id, None, refused.message[:500])
    signature = Webhook(item.secret).sign(item.webhook_id, now, item.body)
    headers |= {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": item.webhook_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }
    try:
        response = client.post(url, content=item.body, headers=headers, extensions=extensions)
    except httpx.HTTPError as error:
        return Answer(item.delivery_id, None, f"{type(error).__name__}: {error}"[:500])
    if 300 <= response.status_code < 400:
        return Answer(item.delivery_id, response.status_code, "redirects are not followed")
    return Answer(item.delivery_id, response.status_code)


def send_all(client: httpx.Client, items: Sequence[Outgoing], *, now: datetime) -> list[Answer]:
    """Send a batch on a few threads (keep-alive connections from the one client)."""
    with ThreadPoolExecutor(max_workers=SENDERS) as pool:
        return list(pool.map(lambda item: send(client, item, now=now), items))


def retry_at(attempts: int, now: datetime, rng: random.Random | None = None) -> datetime | None:
    """When to try again after ``attempts`` failed tries (None: no tries left)."""
    if attempts > len(RETRY_DELAYS_S):
        return None
    spread = (rng or random).uniform(1, 1 + JITTER)  # later only: the tries span over a day
    return now + timedelta(seconds=RETRY_DELAYS_S[attempts - 1] * spread)


def _turn_off(session: Session, endpoint_id: int, reason: str, *, now: datetime) -> None:
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or not endpoint.is_enabled:
        return
    endpoint.is_enabled, endpoint.disabled_reason = False, reason
    message = f"The webhook endpoint {endpoint.url} was turned off: {reason}."
    log.warning("webhooks.endpoint_disabled", endpoint_id=endpoint.id, reason=reason)
    session.add(
        ErrorEvent(
            occurred_at=now,
            level="WARNING",
            logger="runseason.webhooks",
            message=message,
            organization_id=endpoint.organization_id,
        )
    )


def record(session: Session, answers: Sequence[Answer], *, now: datetime) -> None:
    """Store each answer: delivered, retried later, or failed (and the endpoint turned off)."""
    rows = {
        d.id: d
        for d in session.scalars(
            select(WebhookDelivery).where(
                WebhookDelivery.id.in_([a.delivery_id for a in answers]),
                WebhookDelivery.status == "pending",
            )
        )
    }
    for answer in answers:
        delivery = rows.get(answer.delivery_id)
        if delivery is None:
            continue  # delivered or ended by another worker meanwhile
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.last_status_code = answer.status_code
        delivery.last_error = answer.error
        if answer.ok:
            delivery.status, delivery.delivered_at = "delivered", now
        elif answer.status_code == 410:
            delivery.status = "failed"
            _turn_off(session, delivery.endpoint_id, "the receiver answered 410 Gone", now=now)
        else:
            later = retry_at(delivery.attempts, now)
            if later is None:
                delivery.status = "failed"
                reason = "its deliveries failed for more than a day"
                _turn_off(session, delivery.endpoint_id, reason, now=now)
            else:
                delivery.next_attempt_at = later
    session.flush()


def new_client() -> httpx.Client:
    """The worker's HTTP client: a timeout, and redirects never followed."""
    return httpx.Client(timeout=TIMEOUT_S, follow_redirects=False)


def deliver_due(*, now: datetime, client: httpx.Client | None = None, batch: int = BATCH) -> int:
    """Fan out new events, then send every delivery due at ``now``; how many sends were made."""
    while True:
        with session_scope() as session:
            if dispatch_messages(session, now=now) < DISPATCH_BATCH:
                break
    own = client is None
    http = client or new_client()
    sent = 0
    try:
        while True:
            with session_scope() as session:
                items = claim_due(session, now=now, limit=batch)
            if not items:
                return sent
            answers = send_all(http, items, now=now)
            with session_scope() as session:
                record(session, answers, now=now)
            sent += len(items)
    finally:
        if own:
            http.close()


def prune_messages(*, now: datetime) -> int:
    """Forget events whose deliveries all ended more than 30 days ago (the log's length)."""
    waiting = select(WebhookDelivery.id).where(
        WebhookDelivery.message_id == WebhookMessage.id, WebhookDelivery.status == "pending"
    )
    with session_scope() as session:
        gone = session.execute(
            delete(WebhookMessage).where(
                WebhookMessage.dispatched_at < now - KEPT, ~waiting.exists()
            )
        )
        return int(getattr(gone, "rowcount", 0) or 0)
