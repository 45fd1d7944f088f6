"""The System status an admin reads, built from the service's values."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from runseason.schemas.system import ErrorSeenRead, SystemStatusRead


def test_the_status_carries_the_queue_and_recent_errors() -> None:
    error = SimpleNamespace(
        occurred_at=datetime(2026, 11, 24, tzinfo=UTC), level="error", where="api", message="boom"
    )
    status = SystemStatusRead(
        version="1.0",
        database="sqlite",
        schema_current=True,
        refresh_mode="inline",
        waiting=0,
        failing=0,
        oldest_waiting_since=None,
        recent_errors=[ErrorSeenRead.model_validate(error)],
    )
    assert status.model_dump()["recent_errors"][0]["where"] == "api"
