"""Causes that clear: a stable athlete's intervention is marked cleared, then resolved by the engine
(no coach), and a coach can reopen it; a cause still raised never clears."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import AuditLog, Intervention, TimelineEvent
from runseason.domain.interventions import InterventionRules
from runseason.errors import Conflict
from runseason.services import interventions
from runseason.services.clearing import clear_causes
from runseason.services.views import command_center
from tests.factories import NOW, World, actor
from tests.services.coaching_days import GOOD, RED_PAIN, check_in_at


def _pain_item(db: Session, world: World) -> Intervention:
    found = db.scalar(
        select(Intervention).where(
            Intervention.athlete_id == world.riley.id, Intervention.cause == "pain"
        )
    )
    assert found is not None
    return found


def test_a_cleared_cause_resolves_itself_and_the_coach_can_reopen_it(
    db: Session, world: World
) -> None:
    check_in_at(db, world, world.riley, NOW, **RED_PAIN)
    item = _pain_item(db, world)
    for day in (1, 2):
        check_in_at(db, world, world.riley, NOW + timedelta(days=day), **GOOD)
        assert item.cleared_at is None
    third = NOW + timedelta(days=3)
    check_in_at(db, world, world.riley, third, **GOOD)
    assert item.cleared_at == third
    assert item.status != "resolved"
    queue = command_center.get_command_center(db, actor(db, world.asha), now=third)
    assert [i.cause_cleared for i in queue.items if i.intervention.id == item.id] == [True]
    fourth = NOW + timedelta(days=4)
    check_in_at(db, world, world.riley, fourth, **GOOD)
    assert (item.status, item.outcome, item.resolved_by_id) == ("resolved", "cleared", None)
    events = db.scalars(
        select(TimelineEvent.kind).where(TimelineEvent.athlete_id == world.riley.id)
    ).all()
    assert "intervention_resolve" in events
    audited = db.scalars(
        select(AuditLog.changes).where(
            AuditLog.entity == "interventions", AuditLog.entity_id == str(item.id)
        )
    ).all()
    assert any(c.get("outcome") == [None, "cleared"] for c in audited)
    reopened = interventions.reopen_intervention(db, actor(db, world.asha), item.id, now=fourth)
    assert (reopened.status, reopened.cleared_at, reopened.outcome) == ("open", None, None)
    with pytest.raises(Conflict):
        interventions.reopen_intervention(db, actor(db, world.asha), item.id, now=fourth)


def test_a_cause_still_raised_does_not_clear(db: Session, world: World) -> None:
    for day in range(4):
        check_in_at(db, world, world.riley, NOW + timedelta(days=day), **GOOD, pain_severity=4)
    item = _pain_item(db, world)
    assert item.status == "open"
    assert item.cleared_at is None


def test_clear_causes_marks_resets_and_resolves_by_the_rules_it_is_given(
    db: Session, world: World
) -> None:
    check_in_at(db, world, world.riley, NOW, **RED_PAIN)
    item = _pain_item(db, world)
    rules = InterventionRules(cleared_after_days=2, auto_resolve_after_hours=6)
    assert clear_causes(db, [item], ["pain"], 5, rules, NOW) == [item]
    assert item.cleared_at is None  # raised today: not cleared, whatever the streak
    assert clear_causes(db, [item], [], 1, rules, NOW) == [item]
    assert item.cleared_at is None  # one stable day is not enough
    assert clear_causes(db, [item], [], 2, rules, NOW) == [item]
    assert item.cleared_at == NOW
    assert clear_causes(db, [item], ["pain"], 2, rules, NOW) == [item]
    assert item.cleared_at is None  # raised again: the clearance starts over
    clear_causes(db, [item], [], 2, rules, NOW)
    later = NOW + timedelta(hours=5)
    assert clear_causes(db, [item], [], 3, rules, later) == [item]
    assert item.cleared_at == NOW  # still cleared, not yet resolved
    done = NOW + timedelta(hours=6)
    assert clear_causes(db, [item], [], 3, rules, done) == []
    assert (item.status, item.outcome, item.resolved_at, item.resolved_by_id) == (
        "resolved",
        "cleared",
        done,
        None,
    )
