"""Recommendations: what the engine proposes for an athlete-day, and a coach's decision."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import AthleteSnapshot, Intervention, PlanRevision, Recommendation
from runseason.domain.dates import local_date
from runseason.errors import Conflict, InvalidInput
from runseason.schemas.coaching import RecommendationDecision
from runseason.services import recommendations
from runseason.services.coaching_settings import update_organization_settings
from tests.factories import NOW, World, actor
from tests.services.coaching_days import (
    BAD,
    check_in,
    greta_green_streak,
    plan_today,
    riley_red_patch,
)


def test_a_red_patch_with_pain_puts_riley_at_risk_with_a_referral(
    db: Session, world: World
) -> None:
    riley_red_patch(db, world)
    snap = db.get(AthleteSnapshot, world.riley.id)
    assert snap is not None
    assert snap.risk_bucket == "at_risk"
    assert snap.risk > 0.85
    assert snap.top_factors[0]["name"] == "pain"
    rec = recommendations.find_recommendation_for_day(
        db, actor(db, world.asha), world.riley.id, local_date(NOW, world.riley.timezone)
    )
    assert rec is not None
    assert rec.type == "medical_referral"
    assert rec.requires_coach
    causes = db.scalars(
        select(Intervention.cause).where(Intervention.athlete_id == world.riley.id)
    ).all()
    assert "pain" in causes
    assert len(causes) == len(set(causes))  # merged, never duplicated


def test_a_green_streak_is_stable_and_progresses(db: Session, world: World) -> None:
    greta_green_streak(db, world)
    snap = db.get(AthleteSnapshot, world.greta.id)
    assert snap is not None
    assert snap.risk_bucket == "stable"
    rec = recommendations.find_recommendation_for_day(
        db, actor(db, world.cole), world.greta.id, NOW.date()
    )
    assert rec is not None
    assert rec.type == "progress"


def test_accepting_a_swap_changes_the_plan_and_records_a_revision(
    db: Session, world: World
) -> None:
    planned = plan_today(db, world, world.greta)
    check_in(db, world, world.greta, 0, **BAD)
    coach = actor(db, world.cole)
    rec = recommendations.find_recommendation_for_day(db, coach, world.greta.id, NOW.date())
    assert rec is not None
    assert rec.type == "swap_session"
    diff = recommendations.preview_recommendation(db, coach, rec.id)
    assert diff[0].before["title"] == "Intervals"
    assert diff[0].after is not None
    assert diff[0].after["title"] == "Recovery run"
    done = recommendations.decide_recommendation(
        db, coach, rec.id, RecommendationDecision(decision="accept"), now=NOW
    )
    assert done.status == "applied"
    db.refresh(planned)
    assert planned.category == "recovery"
    revision = db.scalar(select(PlanRevision).where(PlanRevision.plan_id == planned.plan_id))
    assert revision is not None
    assert revision.kind == "recommendation"
    with pytest.raises(Conflict):
        recommendations.decide_recommendation(
            db, coach, rec.id, RecommendationDecision(decision="reject"), now=NOW
        )


def test_modify_needs_numbers_and_reduces_by_them(db: Session, world: World) -> None:
    planned = plan_today(db, world, world.greta)
    check_in(db, world, world.greta, 0)
    coach = actor(db, world.cole)
    rec = recommendations.find_recommendation_for_day(db, coach, world.greta.id, NOW.date())
    assert rec is not None
    with pytest.raises(InvalidInput):
        recommendations.decide_recommendation(
            db, coach, rec.id, RecommendationDecision(decision="modify"), now=NOW
        )
    db.refresh(planned)
    assert planned.planned_duration_s == 3600


def test_automatic_mode_never_applies_a_recommendation_above_the_guardrail(
    db: Session, world: World
) -> None:
    update_organization_settings(db, actor(db, world.ada), {"automation_mode": "automatic"})
    planned = plan_today(db, world, world.riley)
    before = (planned.status, planned.planned_duration_s, planned.title)
    riley_red_patch(db, world)
    rec = recommendations.find_recommendation_for_day(
        db, actor(db, world.asha), world.riley.id, local_date(NOW, world.riley.timezone)
    )
    assert rec is not None
    assert rec.risk > 0.85
    assert rec.requires_coach
    assert rec.status == "open"
    db.refresh(planned)
    assert (planned.status, planned.planned_duration_s, planned.title) == before


def test_undo_puts_the_plan_back_and_opens_the_recommendation_again(
    db: Session, world: World
) -> None:
    planned = plan_today(db, world, world.greta)
    check_in(db, world, world.greta, 0, **BAD)
    coach = actor(db, world.cole)
    rec = recommendations.find_recommendation_for_day(db, coach, world.greta.id, NOW.date())
    assert rec is not None
    with pytest.raises(Conflict):  # nothing decided yet: nothing to undo
        recommendations.undo_decision(db, coach, rec.id, now=NOW)
    applied = recommendations.decide_recommendation(
        db, coach, rec.id, RecommendationDecision(decision="accept"), now=NOW
    )
    assert applied.decided_at is not None
    db.refresh(planned)
    assert planned.title == "Recovery run"
    undone = recommendations.undo_decision(db, coach, rec.id, now=NOW)
    assert undone.status == "open"
    assert undone.decided_at is None
    db.refresh(planned)
    assert (planned.title, planned.category, planned.is_hard) == ("Intervals", "intervals", True)
    assert planned.planned_duration_s == 3600
    kinds = db.scalars(
        select(PlanRevision.kind)
        .where(PlanRevision.plan_id == planned.plan_id)
        .order_by(PlanRevision.version)
    ).all()
    assert kinds[-2:] == ["recommendation", "undo"]
    dismissed = recommendations.decide_recommendation(
        db, coach, rec.id, RecommendationDecision(decision="reject"), now=NOW
    )
    assert dismissed.status == "dismissed"
    assert recommendations.undo_decision(db, coach, rec.id, now=NOW).status == "open"


def test_undo_refuses_when_the_session_was_edited_since(db: Session, world: World) -> None:
    planned = plan_today(db, world, world.greta)
    check_in(db, world, world.greta, 0, **BAD)
    coach = actor(db, world.cole)
    rec = recommendations.find_recommendation_for_day(db, coach, world.greta.id, NOW.date())
    assert rec is not None
    recommendations.decide_recommendation(
        db, coach, rec.id, RecommendationDecision(decision="accept"), now=NOW
    )
    db.refresh(planned)
    planned.title = "Hill repeats"
    db.flush()
    with pytest.raises(Conflict, match="edited after the change"):
        recommendations.undo_decision(db, coach, rec.id, now=NOW)
    db.refresh(planned)
    assert planned.title == "Hill repeats"
    stored = recommendations.find_recommendation_for_day(db, coach, world.greta.id, NOW.date())
    assert stored is not None
    assert stored.status == "applied"


def test_a_reduced_session_is_retitled_by_its_new_length(db: Session, world: World) -> None:
    planned = plan_today(db, world, world.greta)
    planned.title, planned.category, planned.role, planned.is_hard = (
        "Long run 26 km",
        "long",
        "long",
        False,
    )
    planned.planned_duration_s, planned.planned_distance_m = 130 * 60, 26_000
    db.flush()
    check_in(db, world, world.greta, 0, **BAD)
    found = recommendations.find_recommendation_for_day(
        db, actor(db, world.cole), world.greta.id, NOW.date()
    )
    assert found is not None
    rec = db.get(Recommendation, found.id)
    assert rec is not None
    action = {"kind": "reduce_volume", "factor": 0.5, "days": 1}
    recommendations.apply_action(db, rec, action, actor_id=None, now=NOW)
    db.refresh(planned)
    assert planned.planned_distance_m == 13_000
    assert planned.title == "Long run 13 km"  # never "Long run 26 km" for a 65-minute run
