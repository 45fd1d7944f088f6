"""Calendar feeds and outbound webhooks at the boundary."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from runseason.schemas.common import Input, Output


class CalendarFeedRead(Output):
    """Whether the athlete has a calendar address, and since when (the address is shown once)."""

    active: bool
    created_at: datetime | None = None


class CalendarFeedCreated(Output):
    """A new calendar address: its secret path, shown this once."""

    path: str
    url: str | None = None
    created_at: datetime


EventType = Literal[
    "checkin.created",
    "session.logged",
    "intervention.opened",
    "intervention.resolved",
    "recommendation.created",
    "plan.changed",
]


class WebhookEndpointCreate(Input):
    """An address of the organization's own system, and the events it wants (none: all)."""

    url: str = Field(min_length=8, max_length=2000)
    description: str = Field("", max_length=200)
    event_types: list[EventType] = Field(default_factory=list, max_length=6)


class WebhookEndpointUpdate(Input):
    """A change to an endpoint; fields left out stay as they are."""

    url: str | None = Field(None, min_length=8, max_length=2000)
    description: str | None = Field(None, max_length=200)
    event_types: list[EventType] | None = Field(None, max_length=6)
    enabled: bool | None = None


class WebhookEndpointRead(Output):
    """A registered endpoint (its secret is shown only when it is made)."""

    id: int
    url: str
    description: str
    event_types: list[str]
    is_enabled: bool
    disabled_reason: str | None
    created_at: datetime


class WebhookEndpointCreated(WebhookEndpointRead):
    """A new endpoint with its signing secret, shown this once."""

    secret: str


class WebhookDeliveryRead(Output):
    """One event sent (or being sent) to one endpoint."""

    id: int
    endpoint_id: int
    webhook_id: str
    event_type: str
    created_at: datetime
    status: str
    attempts: int
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    delivered_at: datetime | None
