"""A coach edits a plan: add, replace, swap, scale a week, regenerate forward; every change is a
version with who and why, and the past stays as it was."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession, SessionTemplate
from runseason.errors import InvalidInput, NotFound
from runseason.schemas.plans import (
    PlanCreate,
    PlanRegenerate,
    SessionAdd,
    SessionReplace,
    SessionSwap,
    WeekScale,
)
from runseason.services.plans import generation
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
    added = generation.add_session(
        db, cole, plan_id, SessionAdd(scheduled_date=day, template_id=tempo.id), now=NOW
    )
    new = [s for s in added.sessions if s.origin == "coach"]
    assert len(new) == 1
    assert new[0].title == tempo.name
    assert new[0].is_hard
    assert added.version == 2
    easy = _template(db, "easy")
    replaced = generation.replace_session(
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
        generation.add_session(
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
    swapped = generation.swap_sessions(
        db, cole, plan_id, SessionSwap(first_id=first.id, second_id=second.id), now=NOW
    )
    by_id = {s.id: s for s in swapped.sessions}
    assert by_id[first.id].scheduled_date == second.scheduled_date
    assert by_id[second.id].scheduled_date == first.scheduled_date
    week_id = db.get(PlannedSession, first.id).plan_week_id  # type: ignore[union-attr]
    assert week_id is not None
    in_week = [s for s in swapped.sessions if db.get(PlannedSession, s.id).plan_week_id == week_id]  # type: ignore[union-attr]
    total = sum(s.planned_duration_s for s in in_week if s.scheduled_date >= NOW.date())
    scaled = generation.scale_week(db, cole, week_id, WeekScale(factor=0.8), now=NOW)
    after = sum(
        s.planned_duration_s
        for s in scaled.sessions
        if s.id in {x.id for x in in_week} and s.scheduled_date >= NOW.date()
    )
    assert after == pytest.approx(total * 0.8, rel=0.01)
    with pytest.raises(InvalidInput, match="two different"):
        generation.swap_sessions(
            db, cole, plan_id, SessionSwap(first_id=first.id, second_id=first.id), now=NOW
        )


def test_regenerate_keeps_the_past_and_rebuilds_the_future(db: Session, world: World) -> None:
    cole, plan_id = _plan(db, world)
    cut = NOW.date() + timedelta(days=10)
    before = generation.get_plan(db, cole, plan_id)
    past = [(s.id, s.scheduled_date) for s in before.sessions if s.scheduled_date < cut]
    result = generation.regenerate_from(db, cole, plan_id, PlanRegenerate(from_date=cut), now=NOW)
    kept = [(s.id, s.scheduled_date) for s in result.sessions if s.scheduled_date < cut]
    assert kept == past
    future = [s for s in result.sessions if s.scheduled_date >= cut]
    assert future
    assert all(s.id not in {p for p, _ in past} for s in future)
    assert generation.list_revisions(db, cole, plan_id)[-1].kind == "regenerate"
    with pytest.raises(InvalidInput, match="the past is kept"):
        generation.regenerate_from(
            db, cole, plan_id, PlanRegenerate(from_date=NOW.date() - timedelta(days=1)), now=NOW
        )


def test_other_coaches_and_the_athlete_cannot_edit(db: Session, world: World) -> None:
    _cole, plan_id = _plan(db, world)
    with pytest.raises(NotFound):
        generation.regenerate_from(
            db, actor(db, world.otto), plan_id, PlanRegenerate(from_date=RACE_DAY), now=NOW
        )
