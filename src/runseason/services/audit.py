"""Reading the audit trail (admins): every change in the organization, newest first."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import AuditLog, User
from runseason.errors import InvalidInput
from runseason.schemas.audit import AuditEntryRead
from runseason.schemas.common import Page
from runseason.services.identity.access import Actor, require_role
from runseason.services.paging import page_offset


def list_audit(
    session: Session,
    actor: Actor,
    *,
    page: int = 1,
    page_size: int = 50,
    entity: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Page[AuditEntryRead]:
    """The organization's audit trail, filtered by table and time range, paginated."""
    require_role(actor, "admin")
    offset = page_offset(page, page_size)
    if since and until and since > until:
        raise InvalidInput("'since' must be before 'until'")
    query = select(AuditLog).where(AuditLog.organization_id == actor.organization_id)
    if entity:
        query = query.where(AuditLog.entity == entity)
    if since:
        query = query.where(AuditLog.occurred_at >= since)
    if until:
        query = query.where(AuditLog.occurred_at <= until)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(AuditLog.occurred_at.desc(), AuditLog.id.desc())
        .offset(offset)
        .limit(page_size)
    ).all()
    # Who made each change, by name (one statement for the page, not one per row).
    ids = {r.actor_user_id for r in rows if r.actor_user_id is not None}
    found = session.execute(select(User.id, User.full_name).where(User.id.in_(ids)))
    names: dict[int, str] = {row.id: row.full_name for row in found}
    return Page[AuditEntryRead](
        items=[
            AuditEntryRead.model_validate(r).model_copy(
                update={"actor_name": names.get(r.actor_user_id or 0)}
            )
            for r in rows
        ],
        page=page,
        page_size=page_size,
        total=total,
    )
