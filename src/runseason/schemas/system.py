"""The System status an organization's admin reads."""

from __future__ import annotations

from datetime import datetime

from runseason.schemas.common import Output


class ErrorSeenRead(Output):
    """One unexpected error of the admin's organization."""

    occurred_at: datetime
    level: str
    where: str
    message: str


class SystemStatusRead(Output):
    """Version, schema, the organization's refresh queue and its recent errors."""

    version: str
    database: str
    schema_current: bool
    refresh_mode: str
    waiting: int
    failing: int
    oldest_waiting_since: datetime | None
    recent_errors: list[ErrorSeenRead]
