"""Organizations: the tenants."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import Organization
from runseason.errors import Conflict, NotFound
from runseason.schemas.accounts import OrganizationCreate, OrganizationRead
from runseason.services.identity.access import Actor, require_role


def create_organization(session: Session, data: OrganizationCreate) -> OrganizationRead:
    """Create a tenant (an operator's action: the CLI, or the demo)."""
    if session.scalar(select(Organization.id).where(Organization.slug == data.slug)):
        raise Conflict(f"An organization with the slug '{data.slug}' already exists.")
    org = Organization(name=data.name, slug=data.slug, timezone=data.timezone)
    session.add(org)
    session.flush()
    return OrganizationRead.model_validate(org)


def get_organization_by_slug(session: Session, slug: str) -> Organization:
    """The organization with this slug, or ``NotFound``."""
    org = session.scalar(select(Organization).where(Organization.slug == slug))
    if org is None:
        raise NotFound(f"No organization has the slug '{slug}'.")
    return org


def get_my_organization(session: Session, actor: Actor) -> OrganizationRead:
    """The actor's own organization."""
    require_role(actor, "admin", "coach", "athlete")
    org = session.get(Organization, actor.organization_id)
    if org is None:
        raise NotFound("organization not found")
    return OrganizationRead.model_validate(org)
