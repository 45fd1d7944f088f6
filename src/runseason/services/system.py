"""System status for an organization's admins, and the store of unexpected errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason import __version__, context, telemetry
from runseason.config import get_settings
from runseason.db import migrate
from runseason.db.models import ErrorEvent
from runseason.db.session import session_scope
from runseason.services.identity.access import Actor, require_role
from runseason.services.refresh import queue

RECENT_ERRORS = 20


@dataclass(frozen=True, slots=True)
class ErrorSeen:
    """One unexpected error, as an admin reads it."""

    occurred_at: datetime
    level: str
    where: str
    message: str


@dataclass(frozen=True, slots=True)
class SystemStatus:
    """What an admin sees of the platform: version, schema, their queue and their errors."""

    version: str
    database: str
    schema_current: bool
    refresh_mode: str
    waiting: int
    failing: int
    oldest_waiting_since: datetime | None
    recent_errors: list[ErrorSeen]


def get_system_status(session: Session, actor: Actor) -> SystemStatus:
    """The platform's state as it concerns the admin's own organization, and nothing else."""
    require_role(actor, "admin")
    settings = get_settings()
    waiting = queue.queue_status(session, organization_id=actor.organization_id)
    rows = session.scalars(
        select(ErrorEvent)
        .where(ErrorEvent.organization_id == actor.organization_id)
        .order_by(ErrorEvent.occurred_at.desc(), ErrorEvent.id.desc())
        .limit(RECENT_ERRORS)
    )
    return SystemStatus(
        version=__version__,
        database="SQLite" if settings.is_sqlite else "PostgreSQL",
        schema_current=migrate.revision_of(session.connection()) == migrate.head_revision(),
        refresh_mode="queued" if settings.queued_refresh else "inline",
        waiting=waiting.pending,
        failing=waiting.failing,
        oldest_waiting_since=waiting.oldest_enqueued_at,
        recent_errors=[ErrorSeen(r.occurred_at, r.level, r.logger, r.message) for r in rows],
    )


def refresh_metrics(session: Session, *, now: datetime) -> None:
    """Set the refresh queue's gauges from the database (the whole platform: operators only)."""
    status = queue.queue_status(session)
    telemetry.QUEUE_DEPTH.set(status.pending)
    telemetry.QUEUE_FAILING.set(status.failing)
    oldest = status.oldest_enqueued_at
    telemetry.QUEUE_AGE.set(max(0.0, (now - oldest).total_seconds()) if oldest else 0.0)


def record_error_event(event: dict[str, Any]) -> None:
    """Keep a copy of an unexpected error, with the organization of the request it broke."""
    organization_id = context.current().organization_id
    with session_scope() as session:
        session.add(ErrorEvent(**event, organization_id=organization_id))
