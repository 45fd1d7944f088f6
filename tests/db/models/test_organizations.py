"""Organizations and their setting overrides as tables: a unique slug, the defaults, a scope from
the list, and one override per scope and subject (one organization-wide override per scope)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from runseason.db.models import Organization, SettingOverride
from tests.db.models.checks import accepted, refused
from tests.factories import World


def test_an_organization_has_a_unique_slug_and_its_defaults(db: Session, world: World) -> None:
    org = Organization(name="Eastside", slug="eastside")
    accepted(db, org)
    assert (org.timezone, org.is_demo) == ("UTC", False)
    refused(db, Organization(name="Copy", slug=world.north.slug), "slug")


def test_an_override_has_a_known_scope_and_one_row_per_scope_and_subject(
    db: Session, world: World
) -> None:
    def override(scope: str, subject_id: int | None) -> SettingOverride:
        return SettingOverride(organization_id=world.south.id, scope=scope, subject_id=subject_id)

    accepted(db, override("coach", world.otto.id))
    refused(db, override("coach", world.otto.id), "setting_overrides")
    refused(db, override("planet", None), "scope_valid")
    accepted(db, override("organization", None))
    refused(db, override("organization", None), "setting_overrides")
