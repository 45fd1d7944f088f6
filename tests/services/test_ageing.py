"""SLA ageing: a snoozed intervention returns to the open queue when its snooze ends, once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import Intervention
from runseason.schemas.coaching import InterventionSnooze
from runseason.services import ageing, interventions
from runseason.services.views.timeline import get_timeline
from tests.factories import NOW, World, actor
from tests.services.coaching_days import riley_red_patch


def test_a_snoozed_intervention_wakes_when_its_snooze_ends_and_only_once(
    db: Session, world: World
) -> None:
    riley_red_patch(db, world)
    coach = actor(db, world.asha)
    pain = db.scalar(
        select(Intervention).where(
            Intervention.athlete_id == world.riley.id, Intervention.cause == "pain"
        )
    )
    assert pain is not None
    interventions.snooze_intervention(db, coach, pain.id, InterventionSnooze(hours=2), now=NOW)

    assert ageing.wake_snoozed_interventions(now=NOW + timedelta(hours=1)) == 0
    db.refresh(pain)
    assert pain.status == "snoozed"

    assert ageing.wake_snoozed_interventions(now=NOW + timedelta(hours=2, minutes=1)) == 1
    db.refresh(pain)
    assert (pain.status, pain.snoozed_until) == ("open", None)
    assert ageing.wake_snoozed_interventions(now=NOW + timedelta(hours=3)) == 0  # nothing twice

    story = get_timeline(db, coach, world.riley.id, kinds=["intervention"])
    assert any(
        e.title.startswith("Intervention back in the queue after its snooze: ") for e in story.items
    )
