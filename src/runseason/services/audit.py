"""Reading the audit trail (admins): every change in the organization, newest first."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import AuditLog
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
    )
    return Page[AuditEntryRead](
        items=[AuditEntryRead.model_validate(r) for r in rows],
        page=page,
        page_size=page_size,
        total=total,
    )
