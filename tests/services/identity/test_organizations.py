"""Organizations: created once per slug, found by slug, read by their members."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from runseason.errors import Conflict, NotFound
from runseason.schemas.accounts import OrganizationCreate
from runseason.services.identity.organizations import (
    create_organization,
    get_my_organization,
    get_organization_by_slug,
)
from tests.factories import World, actor


def test_an_organization_is_created_once_per_slug(db: Session) -> None:
    created = create_organization(db, OrganizationCreate(name="Eastside", slug="eastside"))
    assert get_organization_by_slug(db, "eastside").id == created.id
    with pytest.raises(Conflict, match="eastside"):
        create_organization(db, OrganizationCreate(name="Other", slug="eastside"))
    with pytest.raises(NotFound):
        get_organization_by_slug(db, "westside")


def test_members_read_their_own_organization(db: Session, world: World) -> None:
    assert get_my_organization(db, actor(db, world.user_of(world.greta, db))).slug == "northside"
    assert get_my_organization(db, actor(db, world.otto)).slug == "southside"
