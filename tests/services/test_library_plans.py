"""The session library, goals and plans as a coach uses them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession, SessionTemplate
from runseason.domain.library import builtin_templates
from runseason.errors import Conflict, InvalidInput, PermissionDenied
from runseason.schemas.accounts import AthleteUpdate
from runseason.schemas.library import TemplateCreate, TemplateUpdate
from runseason.schemas.plans import GoalCreate, PlanCreate, SessionEdit
from runseason.services.identity import users
from runseason.services.plans import generation, goals, library
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


def test_goals_are_validated(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    with pytest.raises(InvalidInput, match="future"):
        goals.create_goal(
            db,
            me,
            world.greta.id,
            GoalCreate(name="Past", distance_m=10000, race_date=NOW.date()),
            now=NOW,
        )
    with pytest.raises(InvalidInput, match="pace"):
        goals.create_goal(
            db,
            me,
            world.greta.id,
            GoalCreate(name="Fast", distance_m=42195, race_date=RACE, target_time_s=3600),
            now=NOW,
        )
    goal = goals.create_goal(
        db,
        me,
        world.greta.id,
        GoalCreate(name="Oslo 10k", distance_m=10000, race_date=RACE),
        now=NOW,
    )
    assert [g.name for g in goals.list_goals(db, me, world.greta.id)] == [goal.name]


def test_generate_a_plan_from_a_goal_and_edit_it_with_versions(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    users.update_athlete(
        db, coach, world.greta.id, AthleteUpdate(vdot=48, current_weekly_distance_m=40000)
    )
    goal = goals.create_goal(
        db,
        coach,
        world.greta.id,
        GoalCreate(name="Oslo half", distance_m=21097.5, race_date=RACE),
        now=NOW,
    )
    plan = generation.generate_plan(db, coach, world.greta.id, PlanCreate(goal_id=goal.id), now=NOW)
    assert plan.end_date == RACE
    assert plan.version == 1
    assert len(plan.week_list) == plan.weeks
    assert {w.phase for w in plan.week_list} >= {"base", "taper"}
    assert any(s.targets.get("pace_s_per_km") for s in plan.sessions)
    first = next(s for s in plan.sessions if s.scheduled_date > NOW.date())
    edited = generation.edit_session(
        db, coach, first.id, SessionEdit(planned_duration_s=1800, reason="shorter week"), now=NOW
    )
    assert edited.version == 2
    revisions = generation.list_revisions(db, coach, plan.id)
    assert [r.kind for r in revisions] == ["generated", "edit"]
    assert revisions[1].snapshot["changes"][0]["after"]["planned_duration_s"] == 1800
    projection = generation.plan_projection(db, coach, plan.id, now=NOW)
    assert projection[-1].day == RACE
    assert projection[-1].ctl > 0
    with pytest.raises(InvalidInput, match="within the plan"):
        generation.edit_session(
            db, coach, first.id, SessionEdit(scheduled_date=RACE + timedelta(days=30)), now=NOW
        )


def test_athletes_read_their_plan_but_cannot_generate(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    generation.generate_plan(
        db, coach, world.greta.id, PlanCreate(race_distance_m=10000, race_date=RACE), now=NOW
    )
    me = actor(db, world.user_of(world.greta, db))
    assert generation.find_active_plan(db, me, world.greta.id) is not None
    with pytest.raises(PermissionDenied):
        generation.generate_plan(
            db, me, world.greta.id, PlanCreate(race_distance_m=10000, race_date=RACE), now=NOW
        )


def test_a_new_plan_archives_the_old_one(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    first = generation.generate_plan(
        db, coach, world.greta.id, PlanCreate(race_distance_m=10000, race_date=RACE), now=NOW
    )
    second = generation.generate_plan(
        db, coach, world.greta.id, PlanCreate(race_distance_m=5000, race_date=RACE), now=NOW
    )
    active = generation.find_active_plan(db, coach, world.greta.id)
    assert active is not None
    assert active.id == second.id != first.id
    planned = db.scalar(select(func.count()).where(PlannedSession.plan_id == second.id))
    assert planned == len(second.sessions)


def test_impossible_plans_list_every_problem(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    with pytest.raises(InvalidInput):
        generation.generate_plan(
            db,
            coach,
            world.greta.id,
            PlanCreate(race_distance_m=42195, race_date=NOW.date() + timedelta(days=10)),
            now=NOW,
        )
