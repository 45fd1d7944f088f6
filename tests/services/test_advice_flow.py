"""The engine's advice end to end: one bucket everywhere, and the automation mode of the
organization, the coach and the athlete (causes that clear: ``test_clearing.py``)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import (
    AthleteSnapshot,
    PlannedSession,
    Recommendation,
)
from runseason.domain.risk import bucket_of
from runseason.errors import InvalidInput, PermissionDenied
from runseason.schemas.coaching import AutomationUpdate
from runseason.services.coaching_settings import (
    automation_modes,
    set_automation_mode,
    update_organization_settings,
)
from runseason.services.views import caseload, command_center
from tests.factories import NOW, World, actor
from tests.services.coaching_days import RED_PAIN, check_in_at, plan_today

AMBER = {"sleep_quality": 3, "energy": 3, "recovery": 3, "stress": 3}


def test_amber_alone_is_watch_in_the_snapshot_the_day_row_and_the_caseload(
    db: Session, world: World
) -> None:
    check_in_at(db, world, world.greta, NOW, **AMBER)
    snap = db.get(AthleteSnapshot, world.greta.id)
    assert snap is not None
    assert snap.risk == pytest.approx(0.3)
    assert snap.risk_bucket == "watch" == bucket_of(snap.risk)
    rows = caseload.get_caseload(db, actor(db, world.cole))
    (row,) = [r for r in rows.items if r.athlete_id == world.greta.id]
    assert row.risk_bucket == "watch"
    assert rows.buckets["watch"] >= 1
    rec = db.scalars(select(Recommendation).where(Recommendation.athlete_id == world.greta.id))
    assert {(r.bucket, r.type) for r in rec} == {("watch", "drop_intensity")}


def test_a_queue_item_shows_the_current_risk_and_the_opening_risk_as_history(
    db: Session, world: World
) -> None:
    check_in_at(db, world, world.riley, NOW - timedelta(days=2), **RED_PAIN)
    later = NOW + timedelta(days=10)
    check_in_at(db, world, world.riley, later, **AMBER)
    queue = command_center.get_command_center(db, actor(db, world.asha), now=later)
    (item,) = [i for i in queue.items if i.intervention.cause == "pain"]
    snap = db.get(AthleteSnapshot, world.riley.id)
    assert snap is not None
    assert item.risk == pytest.approx(snap.risk)
    assert item.risk_bucket == bucket_of(item.risk) == "watch"
    assert item.opened == f"opened 12 days ago at {item.intervention.severity * 100:.0f} %"
    assert item.why
    assert not item.cause_cleared


def test_automation_is_read_per_athlete_then_coach_then_organization(
    db: Session, world: World
) -> None:
    admin, cole = actor(db, world.ada), actor(db, world.cole)
    update_organization_settings(db, admin, {"automation_mode": "manual"})
    set_automation_mode(db, cole, "coach", world.cole.id, AutomationUpdate(mode="assisted"))
    set_automation_mode(db, cole, "athlete", world.greta.id, AutomationUpdate(mode="automatic"))
    athletes = [world.greta, world.sam, world.riley]
    modes = automation_modes(db, athletes)
    assert [modes[a.id] for a in athletes] == ["automatic", "assisted", "manual"]
    decided = {}
    for athlete in athletes:
        planned = plan_today(db, world, athlete)
        check_in_at(db, world, athlete, NOW, **AMBER)
        rec = db.scalars(
            select(Recommendation)
            .where(Recommendation.athlete_id == athlete.id)
            .order_by(Recommendation.id.desc())
        ).first()
        assert rec is not None
        assert rec.type == "drop_intensity"
        decided[athlete.id] = (rec.decision, rec.status, db.get(PlannedSession, planned.id))
    assert decided[world.greta.id][:2] == ("auto_apply", "applied")
    assert decided[world.greta.id][2].is_hard is False  # type: ignore[union-attr]
    assert decided[world.sam.id][:2] == ("ask_athlete", "open")
    assert decided[world.riley.id][:2] == ("await_coach", "open")
    set_automation_mode(db, cole, "athlete", world.greta.id, AutomationUpdate(mode=None))
    assert automation_modes(db, [world.greta])[world.greta.id] == "assisted"


def test_who_may_set_an_automation_mode(db: Session, world: World) -> None:
    cole = actor(db, world.cole)
    with pytest.raises(PermissionDenied):
        set_automation_mode(db, cole, "coach", world.asha.id, AutomationUpdate(mode="automatic"))
    with pytest.raises(PermissionDenied):
        set_automation_mode(
            db,
            actor(db, world.user_of(world.greta, db)),
            "athlete",
            world.greta.id,
            AutomationUpdate(mode="automatic"),
        )
    set_automation_mode(
        db, actor(db, world.ada), "coach", world.asha.id, AutomationUpdate(mode="manual")
    )


def test_settings_refuse_a_guardrail_at_or_below_the_at_risk_line(
    db: Session, world: World
) -> None:
    admin = actor(db, world.ada)
    for guardrail in (0.6, 0.5):
        with pytest.raises(InvalidInput, match="guardrail"):
            update_organization_settings(db, admin, {"risk": {"guardrail": guardrail}})
    changed = update_organization_settings(db, admin, {"risk": {"guardrail": 0.61}})
    assert changed.risk.guardrail == 0.61
