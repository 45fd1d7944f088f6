"""Calendar feeds and outbound webhooks at the boundary."""

from __future__ import annotations

from datetime import datetime

from runseason.schemas.common import Output


class CalendarFeedRead(Output):
    """Whether the athlete has a calendar address, and since when (the address is shown once)."""

    active: bool
    created_at: datetime | None = None


class CalendarFeedCreated(Output):
    """A new calendar address: its secret path, shown this once."""

    path: str
    url: str | None = None
    created_at: datetime
