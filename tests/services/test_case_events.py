"""Case events: the timeline entry and the coach-action log, written one way."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import CoachAction, TimelineEvent
from runseason.services.case_events import record_coach_action, record_event
from tests.factories import NOW, World


def test_an_event_is_added_to_the_athlete_s_timeline(db: Session, world: World) -> None:
    record_event(
        db,
        organization_id=world.north.id,
        athlete_id=world.greta.id,
        kind="note",
        title="x" * 400,
        now=NOW,
    )
    db.flush()
    event = db.scalars(
        select(TimelineEvent).where(TimelineEvent.athlete_id == world.greta.id)
    ).one()
    assert (event.kind, len(event.title), event.payload) == ("note", 300, {})


def test_a_coach_action_is_logged_and_shown_on_the_timeline(db: Session, world: World) -> None:
    record_coach_action(
        db,
        organization_id=world.north.id,
        athlete_id=world.greta.id,
        intervention_id=None,
        actor_id=world.cole.id,
        action="acknowledge",
        payload={"note": "seen"},
        subject="intervention",
        subject_title="Pain 5/10",
        subject_id=9,
        now=NOW,
    )
    db.flush()
    logged = db.scalars(select(CoachAction).where(CoachAction.athlete_id == world.greta.id)).one()
    assert logged.action == "acknowledge"
    shown = db.scalars(
        select(TimelineEvent).where(TimelineEvent.athlete_id == world.greta.id)
    ).one()
    assert (shown.kind, shown.title, shown.ref_id) == (
        "intervention_acknowledge",
        "Pain 5/10: acknowledge",
        9,
    )
