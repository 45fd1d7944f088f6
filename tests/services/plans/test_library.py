"""The session library as a coach uses it: browse, clone, edit, archive, preview."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import SessionTemplate
from runseason.domain.library import builtin_templates
from runseason.errors import Conflict, PermissionDenied
from runseason.schemas.accounts import AthleteUpdate
from runseason.schemas.library import TemplateCreate, TemplateUpdate
from runseason.services.identity import users
from runseason.services.plans import library
from tests.factories import NOW, World, actor

RACE = NOW.date() + timedelta(weeks=16)


def test_builtin_library_has_120_valid_templates_and_syncs_idempotently(db: Session) -> None:
    assert len(builtin_templates()) >= 120
    assert library.sync_builtin_library(db) >= 120
    assert library.sync_builtin_library(db) == 0
    count = db.scalar(select(func.count()).where(SessionTemplate.organization_id.is_(None)))
    assert count == len(builtin_templates())


def test_browse_filter_and_paginate(db: Session, world: World) -> None:
    library.sync_builtin_library(db)
    coach = actor(db, world.cole)
    page = library.list_templates(db, coach, category="vo2max_intervals", page_size=5)
    assert page.total == 12
    assert len(page.items) == 5
    assert all(t.category == "vo2max_intervals" for t in page.items)
    taper = library.list_templates(db, coach, phase="taper", page_size=200)
    assert all("taper" in t.phases for t in taper.items)
    assert library.list_templates(db, coach, search="hill").total == 12


def test_clone_edit_archive_and_builtins_stay_read_only(db: Session, world: World) -> None:
    library.sync_builtin_library(db)
    coach = actor(db, world.cole)
    builtin = library.list_templates(db, coach, category="tempo").items[0]
    with pytest.raises(PermissionDenied):
        library.update_template(db, coach, builtin.id, TemplateUpdate(name="Mine now"))
    clone = library.clone_template(db, coach, builtin.id, code="my-tempo")
    assert clone.cloned_from_id == builtin.id
    structure = {
        "warmup_s": 600,
        "cooldown_s": 600,
        "steps": [
            {
                "repeat": 2,
                "work": {"duration_s": 900, "zone": "T"},
                "recover": {"duration_s": 120, "zone": "jog"},
            }
        ],
    }
    edited = library.update_template(db, coach, clone.id, TemplateUpdate(structure=structure))
    assert edited.estimated_duration_s == 600 + 2 * 1020 + 600
    with pytest.raises(Conflict):
        library.clone_template(db, coach, builtin.id, code="my-tempo")
    assert library.archive_template(db, coach, clone.id).is_archived
    otto = actor(db, world.otto)
    assert all(t.code != "my-tempo" for t in library.list_templates(db, otto, page_size=200).items)


def test_template_structures_are_validated() -> None:
    bad = {
        "warmup_s": 0,
        "cooldown_s": 0,
        "steps": [{"repeat": 3, "work": {"duration_s": 60, "zone": "Z9"}}],
    }
    with pytest.raises(ValidationError, match="zone"):
        TemplateCreate(code="x1", name="Bad", category="tempo", phases=["build"], structure=bad)


def test_preview_resolves_paces_for_the_athlete(db: Session, world: World) -> None:
    library.sync_builtin_library(db)
    coach = actor(db, world.cole)
    users.update_athlete(db, coach, world.greta.id, AthleteUpdate(vdot=50))
    tempo = library.list_templates(db, coach, category="tempo").items[0]
    preview = library.preview_template(db, coach, tempo.id, world.greta.id)
    work = [s for s in preview.steps if s.zone == "T"]
    assert work[0].pace_s_per_km == pytest.approx(255.2, abs=0.5)
    assert preview.distance_m is not None
