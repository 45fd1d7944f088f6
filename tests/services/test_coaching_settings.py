"""An organization's coaching settings: validated overrides over the defaults."""

from __future__ import annotations

import pytest
from sqlalchemy import delete
from sqlalchemy.orm import Session

from runseason.db.models import SettingOverride
from runseason.errors import InvalidInput
from runseason.services.coaching_settings import (
    CACHE_KEY,
    effective_settings,
    update_organization_settings,
)
from tests.factories import World, actor


def test_automation_settings_are_validated(db: Session, world: World) -> None:
    admin = actor(db, world.ada)
    changed = update_organization_settings(db, admin, {"automation_mode": "automatic"})
    assert changed.automation_mode == "automatic"
    with pytest.raises(InvalidInput):
        update_organization_settings(db, admin, {"risk": {"watch_min": 0.9}})


def test_each_transaction_reads_its_organizations_overrides(db: Session, world: World) -> None:
    """Merged settings are reused by their overrides' text; the overrides are read every time."""
    admin = actor(db, world.ada)
    default_mode = effective_settings(db, world.north.id).automation_mode
    assert default_mode != "automatic"
    update_organization_settings(db, admin, {"automation_mode": "automatic"})
    db.info.pop(CACHE_KEY, None)  # as a new transaction starts
    assert effective_settings(db, world.north.id).automation_mode == "automatic"
    assert effective_settings(db, world.south.id).automation_mode == default_mode
    db.execute(delete(SettingOverride).where(SettingOverride.organization_id == world.north.id))
    db.info.pop(CACHE_KEY, None)  # another process removed the override
    assert effective_settings(db, world.north.id).automation_mode == default_mode
