"""The whole story in the timeline: every kind of event, in words, paginated and filterable."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import Intervention, SessionTemplate
from runseason.domain.units import format_day
from runseason.errors import InvalidInput, PermissionDenied
from runseason.schemas.cases import HealthCaseCreate, NoteCreate, TaskCreate
from runseason.schemas.coaching import RecommendationDecision
from runseason.schemas.comments import CommentCreate
from runseason.schemas.plans import PlanCreate, SessionAdd
from runseason.schemas.timeline import KIND_LABELS
from runseason.schemas.training import DayExceptionCreate, TrainingLogCreate
from runseason.services import (
    cases,
    comments,
    day_exceptions,
    interventions,
    recommendations,
    training,
)
from runseason.services.plans import editing, generation
from runseason.services.views import timeline
from tests.factories import NOW, World, actor
from tests.services.coaching_days import riley_red_patch

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _story(db: Session, world: World) -> None:
    """Riley: a red patch (check-ins, a recommendation, interventions) and one of everything."""
    riley_red_patch(db, world)
    coach = actor(db, world.asha)
    later = NOW + timedelta(hours=2)
    run = TrainingLogCreate(local_date=NOW.date(), duration_s=1800, distance_m=5000, rpe=5)
    training.log_session(db, coach, world.riley.id, run, now=later)
    plan = generation.generate_plan(
        db,
        coach,
        world.riley.id,
        PlanCreate(race_distance_m=10_000, race_date=NOW.date() + timedelta(weeks=12)),
        now=later,
    )
    template = db.scalars(
        select(SessionTemplate).where(SessionTemplate.organization_id.is_(None))
    ).first()
    assert template is not None
    add = SessionAdd(
        scheduled_date=NOW.date() + timedelta(days=9),
        template_id=template.id,
        reason="extra strides",
    )
    editing.add_session(db, coach, plan.id, add, now=later)
    cases.add_note(db, coach, world.riley.id, NoteCreate(body="Knee sore after hills"), now=later)
    cases.add_task(db, coach, world.riley.id, TaskCreate(title="Call the physio"), now=later)
    opened = cases.open_health_case(
        db,
        coach,
        world.riley.id,
        HealthCaseCreate(kind="injury", location="left knee", started_on=NOW.date()),
        now=later,
    )
    cases.advance_health_case(db, coach, opened.id, now=later)
    first = db.scalars(
        select(Intervention).where(Intervention.athlete_id == world.riley.id)
    ).first()
    assert first is not None
    interventions.acknowledge_intervention(db, coach, first.id, now=later)
    sick = DayExceptionCreate(kind="injured", start_date=NOW.date())
    day_exceptions.mark_days(db, coach, world.riley.id, sick, now=later)
    riley = actor(db, world.user_of(world.riley, db))
    said = CommentCreate(body="Legs heavy on the last rep")
    comments.add_session_comment(db, riley, plan.sessions[0].id, said, now=later)


def test_every_kind_is_in_the_story_in_words(db: Session, world: World) -> None:
    _story(db, world)
    story = timeline.get_timeline(db, actor(db, world.asha), world.riley.id, page_size=100)
    assert story.total == len(story.items)
    kinds = {e.kind for e in story.items}
    assert kinds == set(KIND_LABELS)
    for entry in story.items:
        assert entry.title
        assert not SNAKE.search(entry.title), entry.title
        assert entry.label == KIND_LABELS[entry.kind]
    titles = [e.title for e in story.items]
    assert any(t.startswith("Check-in: readiness") and "pain 5/10 (left knee)" in t for t in titles)
    assert "Run: 5.00 km in 30:00, load 33" in titles
    assert any(t.startswith("Plan created:") for t in titles)
    assert "Plan version 2: a session added (extra strides)" in titles
    assert "Note: Knee sore after hills" in titles
    assert "Task: Call the physio" in titles
    assert "Injury case opened: left knee" in titles
    assert "Injury: return to run started" in titles
    assert any(t.startswith("Intervention acknowledged: ") for t in titles)
    assert any(t.startswith("Intervention opened: ") for t in titles)
    assert any(t.startswith("Recommendation: ") for t in titles)
    assert f"Marked injured: {format_day(NOW.date())}" in titles
    riley_name = world.user_of(world.riley, db).full_name
    assert any(
        t.startswith(f"{riley_name} on ") and t.endswith(': "Legs heavy on the last rep"')
        for t in titles
    )
    times = [e.occurred_at for e in story.items]
    assert times == sorted(times, reverse=True)


def test_pages_split_the_story_without_overlap(db: Session, world: World) -> None:
    _story(db, world)
    coach = actor(db, world.asha)
    whole = timeline.get_timeline(db, coach, world.riley.id, page_size=100)
    first = timeline.get_timeline(db, coach, world.riley.id, page=1, page_size=5)
    second = timeline.get_timeline(db, coach, world.riley.id, page=2, page_size=5)
    assert first.total == second.total == whole.total > 10
    keys = [(e.ref_type, e.ref_id) for e in first.items + second.items]
    assert len(keys) == len(set(keys)) == 10
    assert keys == [(e.ref_type, e.ref_id) for e in whole.items[:10]]


def test_the_story_filters_by_kind(db: Session, world: World) -> None:
    _story(db, world)
    coach = actor(db, world.asha)
    checkins = timeline.get_timeline(db, coach, world.riley.id, kinds=["checkin"])
    assert checkins.total == 3
    assert {e.kind for e in checkins.items} == {"checkin"}
    two = timeline.get_timeline(db, coach, world.riley.id, kinds=["session", "plan_edit"])
    assert {e.kind for e in two.items} == {"session", "plan_edit"}
    assert two.total == 3
    with pytest.raises(InvalidInput, match="kind: gossip"):
        timeline.get_timeline(db, coach, world.riley.id, kinds=["gossip"])


def test_the_timeline_is_for_the_coaching_staff(db: Session, world: World) -> None:
    with pytest.raises(PermissionDenied):
        timeline.get_timeline(db, actor(db, world.user_of(world.riley, db)), world.riley.id)


def test_a_dismissal_and_its_undo_read_in_words(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    coach = actor(db, world.asha)
    rec_id = db.scalar(
        select(Intervention.recommendation_id).where(
            Intervention.athlete_id == world.riley.id,
            Intervention.recommendation_id.is_not(None),
        )
    )
    assert rec_id is not None
    decision = RecommendationDecision.model_validate({"decision": "reject"})
    recommendations.decide_recommendation(db, coach, rec_id, decision, now=NOW)
    recommendations.undo_decision(db, coach, rec_id, now=NOW + timedelta(minutes=5))
    story = timeline.get_timeline(db, coach, world.riley.id, page_size=100)
    titles = [e.title for e in story.items]
    rejected = next(t for t in titles if t.startswith("Recommendation rejected: "))
    undone = next(t for t in titles if t.startswith("Recommendation undone, the plan as it was: "))
    assert not rejected.endswith(": note")  # the code is replaced by words, not left behind
    assert not undone.endswith(": reopen")
