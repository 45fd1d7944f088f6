"""The delivery log: each email claimed once before sending, then marked sent or failed.

The claim is an insert that does nothing when the person's row for that kind and local day
exists (``ON CONFLICT DO NOTHING``, the same on SQLite and PostgreSQL): of two workers racing for
one digest, one gets the row and sends. A claim whose worker died mid-send (still "sending"
after ``STALE_AFTER``) may be taken over once by a compare-and-set update.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from runseason.db.models import NotificationSend, User
from runseason.schemas.common import Page
from runseason.schemas.notifications import DeliveryRead, Kind
from runseason.services.identity.access import Actor, require_role
from runseason.services.notifications.messages import Recipient
from runseason.services.paging import page_offset

# Longer than the slowest send (every attempt timing out, with the backoff between them).
STALE_AFTER = timedelta(minutes=15)
_KEY = ["user_id", "kind", "local_date"]


def _insert(session: Session) -> Any:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(NotificationSend)


def claim(session: Session, to: Recipient, kind: Kind, *, now: datetime) -> int | None:
    """The id of the new send row when this worker may send, None when another has it."""
    values = {
        "organization_id": to.organization_id,
        "user_id": to.user_id,
        "kind": kind,
        "local_date": to.local_date,
        "status": "sending",
        "recipient": to.email,
        "attempts": 0,
        "claimed_at": now,
    }
    statement = _insert(session).values(values).on_conflict_do_nothing(index_elements=_KEY)
    claimed: int | None = session.scalar(statement.returning(NotificationSend.id))
    if claimed is not None:
        return claimed
    send = NotificationSend
    stale = (
        update(send)
        .where(
            send.user_id == to.user_id,
            send.kind == kind,
            send.local_date == to.local_date,
            send.status == "sending",
            send.claimed_at < now - STALE_AFTER,
        )
        .values(claimed_at=now)
        .returning(send.id)
    )
    return session.scalar(stale)


def finish(
    session: Session, send_id: int, *, now: datetime, attempts: int, error: str | None = None
) -> None:
    """Record the outcome of a claimed send: sent, or failed with the reason."""
    session.execute(
        update(NotificationSend)
        .where(NotificationSend.id == send_id)
        .values(
            status="failed" if error else "sent",
            attempts=NotificationSend.attempts + attempts,
            finished_at=now,
            last_error=error[:500] if error else None,
        )
    )


def list_deliveries(
    session: Session,
    actor: Actor,
    *,
    status: str | None = None,
    page: int = 1,
    page_size: int = 50,
) -> Page[DeliveryRead]:
    """The organization's emails, newest first, failed ones included (admins)."""
    require_role(actor, "admin")
    offset = page_offset(page, page_size)
    query = (
        select(NotificationSend, User.full_name)
        .join(User, User.id == NotificationSend.user_id)
        .where(NotificationSend.organization_id == actor.organization_id)
    )
    if status is not None:
        query = query.where(NotificationSend.status == status)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(
        query.order_by(NotificationSend.claimed_at.desc(), NotificationSend.id.desc())
        .limit(page_size)
        .offset(offset)
    ).all()
    items = [DeliveryRead.model_validate({**_columns(send), "person": name}) for send, name in rows]
    return Page(items=items, page=page, page_size=page_size, total=total)


def _columns(send: NotificationSend) -> dict[str, Any]:
    return {c.key: getattr(send, c.key) for c in NotificationSend.__table__.columns}
