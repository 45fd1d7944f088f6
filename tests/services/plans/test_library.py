"""The session library as a coach uses it: browse, clone, edit, archive, preview."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, SessionTemplate
from runseason.domain.library import builtin_templates
from runseason.domain.workout import heart_rate_bounds, pace_bounds
from runseason.errors import Conflict, NotFound, PermissionDenied
from runseason.schemas.accounts import AthleteUpdate
from runseason.schemas.library import TemplateCreate, TemplateUpdate, WorkoutPreviewAsk
from runseason.services.briefing import athlete_zones
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


SIX_BY_800 = {
    "warmup_s": 900,
    "steps": [
        {
            "repeat": 6,
            "work": {"distance_m": 800, "zone": "I"},
            "recover": {"duration_s": 90, "zone": "jog"},
        }
    ],
    "cooldown_s": 600,
}


def test_a_workout_is_previewed_with_the_athletes_zones_as_the_watch_file_has_them(
    db: Session, world: World
) -> None:
    coach = actor(db, world.cole)
    users.update_athlete(
        db, coach, world.greta.id, AthleteUpdate(vdot=50, lthr=170, unit_preference="mi")
    )
    ask = WorkoutPreviewAsk(athlete_id=world.greta.id, structure=SIX_BY_800)
    read = library.preview_workout(db, coach, ask)
    athlete = db.get(Athlete, world.greta.id)
    assert athlete is not None
    zones = athlete_zones(athlete)
    assert read.unit == "mi"
    assert (read.has_pace_zones, read.has_heart_rate_zones) == (True, True)
    warm, reps, cool = read.parts
    assert (warm.times, reps.times, cool.times) == (1, 6, 1)
    work, jog = reps.steps
    assert (work.distance_m, work.duration_s, work.zone) == (800, None, "I")
    assert work.pace_s_per_km == pace_bounds("I", zones)
    assert work.hr_bpm == heart_rate_bounds("I", zones)
    assert (jog.name, jog.duration_s, jog.effort) == ("Easy jog", 90, "2/10, very easy")
    middle = sum(pace_bounds("I", zones) or (0, 0)) / 2
    assert work.estimated_duration_s == pytest.approx(0.8 * middle)
    assert read.duration_s == pytest.approx(
        900 + 600 + sum(6 * (s.estimated_duration_s or 0) for s in reps.steps)
    )
    assert read.distance_m == pytest.approx(
        sum(p.times * (s.estimated_distance_m or 0) for p in read.parts for s in p.steps)
    )


def test_without_a_vdot_the_preview_has_heart_rates_but_no_paces_or_total_time(
    db: Session, world: World
) -> None:
    coach = actor(db, world.cole)
    users.update_athlete(db, coach, world.greta.id, AthleteUpdate(lthr=170))
    athlete = db.get(Athlete, world.greta.id)
    assert athlete is not None
    if athlete.vdot is not None:
        athlete.vdot = None
        db.flush()
    read = library.preview_workout(
        db, coach, WorkoutPreviewAsk(athlete_id=world.greta.id, structure=SIX_BY_800)
    )
    assert not read.has_pace_zones
    assert read.duration_s is None  # the 800s need a pace
    assert read.parts[1].steps[0].hr_bpm is not None


def test_only_the_athletes_staff_preview_and_a_bad_structure_is_refused_by_row(
    db: Session, world: World
) -> None:
    ask = WorkoutPreviewAsk(athlete_id=world.greta.id, structure=SIX_BY_800)
    with pytest.raises(NotFound):
        library.preview_workout(db, actor(db, world.otto), ask)
    with pytest.raises(PermissionDenied):
        library.preview_workout(db, actor(db, world.user_of(world.greta, db)), ask)
    bad = {**SIX_BY_800, "steps": [{"repeat": 6, "work": {"zone": "I"}}]}
    with pytest.raises(ValidationError, match="Main set row 1, work: give a time or a distance"):
        WorkoutPreviewAsk(athlete_id=world.greta.id, structure=bad)
