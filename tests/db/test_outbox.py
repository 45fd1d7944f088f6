"""The outbox: each change writes its event in its own transaction, and only if it commits."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import Intervention, WebhookMessage
from runseason.db.session import session_scope
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.coaching import InterventionResolve
from runseason.schemas.plans import PlanCreate, SessionEdit
from runseason.schemas.training import TrainingLogCreate
from runseason.services import checkins, interventions, training
from runseason.services.plans import editing, generation
from tests.factories import NOW, World, actor


def _events(db: Session, kind: str | None = None) -> list[dict[str, Any]]:
    query = select(WebhookMessage.payload).order_by(WebhookMessage.id)
    if kind:
        query = query.where(WebhookMessage.event_type == kind)
    return list(db.scalars(query))


def test_a_check_in_and_a_logged_session_write_their_events(db: Session, world: World) -> None:
    cole = actor(db, world.cole)
    data = CheckInCreate(sleep_quality=4, energy=4, recovery=4, stress=4)
    made = checkins.submit_checkin(db, cole, world.greta.id, data, now=NOW)
    log = TrainingLogCreate(local_date=NOW.date(), duration_s=3000, distance_m=10000, rpe=5)
    logged = training.log_session(db, cole, world.greta.id, log, now=NOW)
    db.flush()
    (checkin,) = _events(db, "checkin.created")
    assert checkin["type"] == "checkin.created"
    assert checkin["data"] == {
        "id": made.id,
        "athlete_id": world.greta.id,
        "local_date": NOW.date().isoformat(),
    }
    (session_logged,) = _events(db, "session.logged")
    assert session_logged["data"]["id"] == logged.id
    assert session_logged["data"]["distance_m"] == 10000
    (advice,) = _events(db, "recommendation.created")
    assert advice["data"]["athlete_id"] == world.greta.id


def test_a_change_that_rolls_back_leaves_no_event(db: Session, world: World) -> None:
    data = CheckInCreate(sleep_quality=4, energy=4, recovery=4, stress=4)

    def check_in_then_fail() -> None:
        with session_scope() as session:
            cole = actor(session, world.cole)
            checkins.submit_checkin(session, cole, world.greta.id, data, now=NOW)
            session.flush()
            assert _events(session, "checkin.created")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        check_in_then_fail()
    assert _events(db, "checkin.created") == []


def test_a_plan_made_or_edited_is_one_plan_changed_event_per_transaction(
    db: Session, world: World
) -> None:
    cole = actor(db, world.cole)
    plan_data = PlanCreate(race_distance_m=10_000, race_date=NOW.date() + timedelta(weeks=12))
    with session_scope() as session:
        plan = generation.generate_plan(session, cole, world.greta.id, plan_data, now=NOW)
    assert [e["data"] for e in _events(db, "plan.changed")] == [
        {"plan_id": plan.id, "athlete_id": world.greta.id}
    ]
    with session_scope() as session:
        edit = SessionEdit(coach_note="Easy does it")
        editing.edit_session(session, cole, plan.sessions[0].id, edit, now=NOW)
    assert len(_events(db, "plan.changed")) == 2


def test_opening_and_resolving_an_intervention_are_events(db: Session, world: World) -> None:
    row = Intervention(
        organization_id=world.north.id,
        athlete_id=world.greta.id,
        cause="pain",
        title="Pain 5/10",
        status="open",
        risk=0.9,
        opened_at=NOW,
        last_evidence_at=NOW,
    )
    db.add(row)
    db.flush()
    (opened,) = _events(db, "intervention.opened")
    assert opened["data"]["cause"] == "pain"
    done = InterventionResolve(outcome="Called her, rest two days")
    interventions.resolve_intervention(db, actor(db, world.cole), row.id, done, now=NOW)
    db.flush()
    (resolved,) = _events(db, "intervention.resolved")
    assert resolved["data"] == {
        "id": row.id,
        "athlete_id": world.greta.id,
        "cause": "pain",
    }


def test_erasing_an_athlete_erases_the_events_about_them(db: Session, world: World) -> None:
    from runseason.services import erasure  # noqa: PLC0415

    data = CheckInCreate(sleep_quality=4, energy=4, recovery=4, stress=4)
    for who in (world.greta, world.sam):
        checkins.submit_checkin(db, actor(db, world.cole), who.id, data, now=NOW)
    db.flush()
    about = select(WebhookMessage.athlete_id).where(WebhookMessage.event_type == "checkin.created")
    assert sorted(db.scalars(about)) == sorted([world.greta.id, world.sam.id])
    erasure.erase_athlete(db, actor(db, world.ada), world.greta.id, now=NOW)
    assert list(db.scalars(about)) == [world.sam.id]
