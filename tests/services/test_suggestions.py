"""Assisted mode: the athlete finds the day's suggestion and accepts or declines it; the coach's
decisions, risky changes and answered suggestions are refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession, Recommendation, TimelineEvent
from runseason.errors import Conflict, NotFound, PermissionDenied
from runseason.schemas.coaching import SuggestionAnswer
from runseason.services import suggestions
from tests.factories import NOW, World, actor
from tests.services.coaching_days import check_in_at, plan_today

AMBER = {"sleep_quality": 3, "energy": 3, "recovery": 3, "stress": 3}
ACCEPT = SuggestionAnswer(answer="accept")
DECLINE = SuggestionAnswer(answer="decline")


def _suggested(db: Session, world: World) -> tuple[PlannedSession, Recommendation]:
    """Greta (assisted by default) with a hard session today and an amber morning."""
    planned = plan_today(db, world, world.greta)
    check_in_at(db, world, world.greta, NOW, **AMBER)
    rec = db.scalars(
        select(Recommendation).where(Recommendation.athlete_id == world.greta.id)
    ).one()
    assert rec.decision == suggestions.ASK_ATHLETE
    return planned, rec


def test_there_is_no_suggestion_before_the_engine_makes_one(db: Session, world: World) -> None:
    greta = actor(db, world.user_of(world.greta, db))
    assert suggestions.find_suggestion(db, greta, world.greta.id, now=NOW) is None


def test_the_athlete_accepts_and_the_plan_changes(db: Session, world: World) -> None:
    planned, rec = _suggested(db, world)
    greta = actor(db, world.user_of(world.greta, db))
    found = suggestions.find_suggestion(db, greta, world.greta.id, now=NOW)
    assert found is not None
    assert (found.id, found.title, found.answer) == (rec.id, rec.title, None)
    later = NOW + timedelta(minutes=5)
    answered = suggestions.answer_suggestion(db, greta, rec.id, ACCEPT, now=later)
    assert (answered.answer, answered.answered_at) == ("accepted", later)
    assert (rec.status, rec.decided_at) == ("applied", later)
    assert db.get(PlannedSession, planned.id).is_hard is False  # type: ignore[union-attr]
    event = db.scalars(
        select(TimelineEvent).where(TimelineEvent.kind == "suggestion_accepted")
    ).one()
    assert (event.ref_type, event.ref_id) == ("recommendation", rec.id)
    assert event.actor_id == greta.user_id
    cole = actor(db, world.cole)
    seen = suggestions.find_suggestion(db, cole, world.greta.id, now=later)
    assert seen is not None
    assert seen.answer == "accepted"
    tomorrow = NOW + timedelta(days=1)
    assert suggestions.find_suggestion(db, greta, world.greta.id, now=tomorrow) is None


def test_the_athlete_declines_and_the_plan_stays(db: Session, world: World) -> None:
    planned, rec = _suggested(db, world)
    greta = actor(db, world.user_of(world.greta, db))
    answered = suggestions.answer_suggestion(db, greta, rec.id, DECLINE, now=NOW)
    assert answered.answer == "declined"
    assert rec.status == "dismissed"
    assert db.get(PlannedSession, planned.id).is_hard is True  # type: ignore[union-attr]
    with pytest.raises(Conflict, match="already been answered"):
        suggestions.answer_suggestion(db, greta, rec.id, ACCEPT, now=NOW)


def test_only_the_athlete_answers_their_own_suggestion(db: Session, world: World) -> None:
    _, rec = _suggested(db, world)
    with pytest.raises(PermissionDenied):
        suggestions.answer_suggestion(db, actor(db, world.cole), rec.id, ACCEPT, now=NOW)
    sam = actor(db, world.user_of(world.sam, db))
    with pytest.raises(NotFound):
        suggestions.answer_suggestion(db, sam, rec.id, ACCEPT, now=NOW)
    assert rec.athlete_answer is None


def test_a_coachs_decision_and_a_risky_change_are_not_the_athletes(
    db: Session, world: World
) -> None:
    _, rec = _suggested(db, world)
    greta = actor(db, world.user_of(world.greta, db))
    rec.risk = 0.9  # past the default guardrail (0.85)
    with pytest.raises(Conflict, match="needs your coach"):
        suggestions.answer_suggestion(db, greta, rec.id, ACCEPT, now=NOW)
    rec.risk, rec.decision = 0.3, "await_coach"
    with pytest.raises(Conflict, match="your coach's to decide"):
        suggestions.answer_suggestion(db, greta, rec.id, ACCEPT, now=NOW)
    assert suggestions.find_suggestion(db, greta, world.greta.id, now=NOW) is None
    assert (rec.status, rec.athlete_answer) == ("open", None)
