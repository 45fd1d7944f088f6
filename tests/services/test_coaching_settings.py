"""Coaching settings: defaults, the organization's overrides, validated as a whole."""

from __future__ import annotations

import pytest
from sqlalchemy import delete
from sqlalchemy.orm import Session

from runseason.config import CoachingSettings
from runseason.db.models import SettingOverride
from runseason.errors import ConfigurationError, InvalidInput, PermissionDenied
from runseason.services.coaching_settings import (
    CACHE_KEY,
    effective_settings,
    get_organization_settings,
    merge_coaching_overrides,
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


def test_an_override_changes_one_value_and_keeps_the_rest(db: Session, world: World) -> None:
    before = get_organization_settings(db, actor(db, world.cole))
    changed = update_organization_settings(db, actor(db, world.ada), {"risk": {"guardrail": 0.9}})
    assert changed.risk.guardrail == 0.9
    assert changed.risk.at_risk_min == before.risk.at_risk_min
    assert effective_settings(db, world.north.id).risk.guardrail == 0.9
    assert effective_settings(db, world.south.id).risk.guardrail == before.risk.guardrail


def test_only_admins_change_settings_and_nonsense_is_refused(db: Session, world: World) -> None:
    with pytest.raises(PermissionDenied):
        update_organization_settings(db, actor(db, world.cole), {"risk": {"guardrail": 0.9}})
    with pytest.raises(InvalidInput):
        update_organization_settings(db, actor(db, world.ada), {"risk": {"guardrail": 5}})
    with pytest.raises(PermissionDenied):
        get_organization_settings(db, actor(db, world.user_of(world.greta, db)))


def test_organization_overrides_merge_and_validate() -> None:
    base = CoachingSettings()
    merged = merge_coaching_overrides(
        base,
        {"risk": {"guardrail": 0.8}, "automation_mode": "manual"},
        {"interventions": {"sla_fresh_hours": 12}},
    )
    assert merged.risk.guardrail == 0.8
    assert merged.risk.at_risk_min == 0.6
    assert merged.automation_mode == "manual"
    assert merged.interventions.sla_fresh_hours == 12
    with pytest.raises(ConfigurationError, match="sla_fresh_hours must be below"):
        merge_coaching_overrides(base, {"interventions": {"sla_fresh_hours": 100}})
    with pytest.raises(ConfigurationError, match="unknown readiness weight"):
        merge_coaching_overrides(base, {"readiness": {"weights": {"vibes": 1.0}}})
