"""Interventions: opened by the engine, acknowledged, snoozed and resolved by a coach."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import Intervention
from runseason.errors import Conflict
from runseason.schemas.coaching import InterventionResolve, InterventionSnooze
from runseason.services import interventions
from runseason.services.views.timeline import get_timeline
from tests.factories import NOW, World, actor
from tests.services.coaching_days import check_in, riley_red_patch


def test_silence_opens_a_check_in_intervention(db: Session, world: World) -> None:
    check_in(db, world, world.sam, 4)
    from runseason.services.refresh.snapshots import refresh_after_change  # noqa: PLC0415

    refresh_after_change(db, world.sam.id, NOW.date(), now=NOW)
    causes = db.scalars(
        select(Intervention.cause).where(Intervention.athlete_id == world.sam.id)
    ).all()
    assert "silence" in causes


def test_intervention_life_cycle_with_cooldown(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    coach = actor(db, world.asha)
    pain = db.scalar(
        select(Intervention).where(
            Intervention.athlete_id == world.riley.id, Intervention.cause == "pain"
        )
    )
    assert pain is not None
    interventions.acknowledge_intervention(db, coach, pain.id, now=NOW)
    interventions.snooze_intervention(db, coach, pain.id, InterventionSnooze(hours=2), now=NOW)
    resolved = interventions.resolve_intervention(
        db, coach, pain.id, InterventionResolve(outcome="Physio booked"), now=NOW
    )
    assert resolved.status == "resolved"
    with pytest.raises(Conflict):
        interventions.resolve_intervention(
            db, coach, pain.id, InterventionResolve(outcome="again"), now=NOW
        )
    story = get_timeline(db, coach, world.riley.id, kinds=["intervention"])
    said = {e.title.split(":")[0] for e in story.items}
    assert {
        "Intervention opened",
        "Intervention acknowledged",
        "Intervention snoozed",
        "Intervention resolved",
    } <= said
