"""A coach edits a plan: add, replace, swap, scale a week, regenerate forward; every change is a
version with who and why, and the past stays as it was."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession, SessionTemplate
from runseason.errors import Conflict, InvalidInput, NotFound
from runseason.schemas.plans import (
    PlanCreate,
    PlanRegenerate,
    SessionAdd,
    SessionEdit,
    SessionReplace,
    SessionSwap,
    WeekScale,
)
from runseason.services.plans import editing, generation
from tests.factories import NOW, World, actor

RACE_DAY = NOW.date() + timedelta(weeks=14)


def _plan(db: Session, world: World) -> tuple[object, int]:
    cole = actor(db, world.cole)
    plan = generation.generate_plan(
        db, cole, world.greta.id, PlanCreate(race_distance_m=10000, race_date=RACE_DAY), now=NOW
    )
    return cole, plan.id


def _template(db: Session, category: str) -> SessionTemplate:
    found = db.scalars(
        select(SessionTemplate).where(
            SessionTemplate.organization_id.is_(None), SessionTemplate.category == category
        )
    ).first()
    assert found is not None
    return found


def test_add_and_replace_take_their_shape_from_the_library(db: Session, world: World) -> None:
    cole, plan_id = _plan(db, world)
    tempo = _template(db, "tempo")
    day = NOW.date() + timedelta(days=3)
    added = editing.add_session(
        db, cole, plan_id, SessionAdd(scheduled_date=day, template_id=tempo.id), now=NOW
    )
    new = [s for s in added.sessions if s.origin == "coach"]
    assert len(new) == 1
    assert new[0].title == tempo.name
    assert new[0].is_hard
    assert added.version == 2
    easy = _template(db, "easy")
    replaced = editing.replace_session(
        db, cole, new[0].id, SessionReplace(template_id=easy.id), now=NOW
    )
    again = next(s for s in replaced.sessions if s.id == new[0].id)
    assert again.category == "easy"
    assert not again.is_hard
    assert again.template_code == easy.code
    assert again.planned_duration_s == new[0].planned_duration_s
    history = generation.list_revisions(db, cole, plan_id)
    assert [r.kind for r in history][-2:] == ["add", "replace"]
    with pytest.raises(InvalidInput, match="within the plan"):
        editing.add_session(
            db,
            cole,
            plan_id,
            SessionAdd(scheduled_date=RACE_DAY + timedelta(days=30), template_id=tempo.id),
            now=NOW,
        )


def test_swap_exchanges_days_and_scale_changes_the_week(db: Session, world: World) -> None:
    cole, plan_id = _plan(db, world)
    before = generation.get_plan(db, cole, plan_id)
    upcoming = [s for s in before.sessions if s.scheduled_date > NOW.date()]
    first, second = upcoming[0], upcoming[1]
    swapped = editing.swap_sessions(
        db, cole, plan_id, SessionSwap(first_id=first.id, second_id=second.id), now=NOW
    )
    by_id = {s.id: s for s in swapped.sessions}
    assert by_id[first.id].scheduled_date == second.scheduled_date
    assert by_id[second.id].scheduled_date == first.scheduled_date
    week_id = db.get(PlannedSession, first.id).plan_week_id  # type: ignore[union-attr]
    assert week_id is not None
    in_week = [s for s in swapped.sessions if db.get(PlannedSession, s.id).plan_week_id == week_id]  # type: ignore[union-attr]
    total = sum(s.planned_duration_s for s in in_week if s.scheduled_date >= NOW.date())
    scaled = editing.scale_week(db, cole, week_id, WeekScale(factor=0.8), now=NOW)
    after = sum(
        s.planned_duration_s
        for s in scaled.sessions
        if s.id in {x.id for x in in_week} and s.scheduled_date >= NOW.date()
    )
    assert after == pytest.approx(total * 0.8, rel=0.01)
    with pytest.raises(InvalidInput, match="two different"):
        editing.swap_sessions(
            db, cole, plan_id, SessionSwap(first_id=first.id, second_id=first.id), now=NOW
        )


def test_other_coaches_and_the_athlete_cannot_edit(db: Session, world: World) -> None:
    _cole, plan_id = _plan(db, world)
    with pytest.raises(NotFound):
        generation.regenerate_from(
            db, actor(db, world.otto), plan_id, PlanRegenerate(from_date=RACE_DAY), now=NOW
        )


def test_a_resized_run_says_its_new_duration(db: Session, world: World) -> None:
    cole, plan_id = _plan(db, world)
    plan = generation.get_plan(db, cole, plan_id)
    easy = next(s for s in plan.sessions if s.role == "easy" and s.scheduled_date > NOW.date())
    resized = editing.edit_session(db, cole, easy.id, SessionEdit(planned_duration_s=3000), now=NOW)
    assert next(s for s in resized.sessions if s.id == easy.id).title == "Easy run 50 min"
    named = editing.edit_session(
        db, cole, easy.id, SessionEdit(planned_duration_s=2400, title="Shakeout"), now=NOW
    )
    assert next(s for s in named.sessions if s.id == easy.id).title == "Shakeout"
    long_run = next(s for s in plan.sessions if s.role == "long" and s.scheduled_date > NOW.date())
    week_id = max(
        (w for w in plan.week_list if w.start_date <= long_run.scheduled_date),
        key=lambda w: w.start_date,
    ).id
    scaled = editing.scale_week(db, cole, week_id, WeekScale(factor=0.5), now=NOW)
    after = next(s for s in scaled.sessions if s.id == long_run.id)
    assert after.planned_distance_m is not None
    assert after.title == f"Long run {round(after.planned_distance_m / 1000, 1):g} km"


def test_every_plan_change_made_on_an_older_version_is_refused_and_writes_nothing(
    db: Session, world: World
) -> None:
    cole, plan_id = _plan(db, world)
    plan = generation.get_plan(db, cole, plan_id)
    upcoming = [s for s in plan.sessions if s.scheduled_date > NOW.date()]
    first, second = upcoming[0], upcoming[1]
    edited = editing.edit_session(
        db, cole, first.id, SessionEdit(title="Hills", plan_version=plan.version), now=NOW
    )
    assert edited.version == plan.version + 1
    stale = plan.version
    week_id = db.get(PlannedSession, first.id).plan_week_id  # type: ignore[union-attr]
    assert week_id is not None
    tempo = _template(db, "tempo")
    attempts = [
        lambda: editing.edit_session(
            db, cole, first.id, SessionEdit(title="Flat", plan_version=stale), now=NOW
        ),
        lambda: editing.add_session(
            db,
            cole,
            plan_id,
            SessionAdd(
                scheduled_date=first.scheduled_date, template_id=tempo.id, plan_version=stale
            ),
            now=NOW,
        ),
        lambda: editing.replace_session(
            db, cole, first.id, SessionReplace(template_id=tempo.id, plan_version=stale), now=NOW
        ),
        lambda: editing.swap_sessions(
            db,
            cole,
            plan_id,
            SessionSwap(first_id=first.id, second_id=second.id, plan_version=stale),
            now=NOW,
        ),
        lambda: editing.scale_week(
            db, cole, week_id, WeekScale(factor=0.8, plan_version=stale), now=NOW
        ),
        lambda: generation.regenerate_from(
            db, cole, plan_id, PlanRegenerate(from_date=NOW.date(), plan_version=stale), now=NOW
        ),
    ]
    for attempt in attempts:
        with pytest.raises(Conflict, match=f"version {edited.version}.*version {stale}"):
            attempt()
    after = generation.get_plan(db, cole, plan_id)
    assert after.version == edited.version
    assert after.sessions == edited.sessions
    assert generation.list_revisions(db, cole, plan_id)[-1].version == edited.version
