"""Days marked sick, travelling or injured: by the athlete or the coach, never overlapping, and
left out of the caseload's adherence and the missed-session count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import AthleteSnapshot, AvailabilityException, PlannedSession
from runseason.errors import Conflict, InvalidInput, NotFound
from runseason.schemas.plans import PlanCreate
from runseason.schemas.training import DayExceptionCreate, TrainingLogCreate
from runseason.services import day_exceptions, training
from runseason.services.plans import generation
from runseason.services.refresh import inputs
from tests.factories import NOW, World, actor

TODAY = NOW.date()


def mark(kind: str, first: date, last: date | None = None) -> DayExceptionCreate:
    return DayExceptionCreate.model_validate({"kind": kind, "start_date": first, "end_date": last})


def test_the_athlete_marks_days_sick_and_the_coach_sees_them(db: Session, world: World) -> None:
    greta = actor(db, world.user_of(world.greta, db))
    marked = day_exceptions.mark_days(
        db, greta, world.greta.id, mark("sick", TODAY - timedelta(days=2), TODAY), now=NOW
    )
    assert (marked.kind, marked.start_date, marked.end_date) == (
        "sick",
        TODAY - timedelta(days=2),
        TODAY,
    )
    seen = day_exceptions.list_marked_days(db, actor(db, world.cole), world.greta.id, now=NOW)
    assert [m.id for m in seen] == [marked.id]


def test_one_day_when_no_end_is_given(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    marked = day_exceptions.mark_days(db, coach, world.greta.id, mark("travelling", TODAY), now=NOW)
    assert marked.end_date == marked.start_date == TODAY


def test_overlapping_days_are_a_conflict(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    day_exceptions.mark_days(
        db, coach, world.greta.id, mark("injured", TODAY - timedelta(days=5), TODAY), now=NOW
    )
    with pytest.raises(Conflict, match="already marked injured"):
        day_exceptions.mark_days(
            db, coach, world.greta.id, mark("sick", TODAY - timedelta(days=1)), now=NOW
        )


def test_days_out_of_order_or_too_far_are_refused(db: Session, world: World) -> None:
    with pytest.raises(ValidationError, match="end_date"):
        mark("sick", TODAY, TODAY - timedelta(days=1))
    with pytest.raises(ValidationError, match="kind"):
        mark("bored", TODAY)
    coach = actor(db, world.cole)
    with pytest.raises(InvalidInput, match="End date"):
        day_exceptions.mark_days(
            db, coach, world.greta.id, mark("travelling", TODAY + timedelta(days=100)), now=NOW
        )


def test_removing_days_and_other_organizations_cannot(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    marked = day_exceptions.mark_days(db, coach, world.greta.id, mark("sick", TODAY), now=NOW)
    with pytest.raises(NotFound):
        day_exceptions.remove_days(db, actor(db, world.otto), marked.id, now=NOW)
    day_exceptions.remove_days(db, coach, marked.id, now=NOW)
    assert db.get(AvailabilityException, marked.id) is None


def _week_of_plan(db: Session, world: World) -> list[PlannedSession]:
    coach = actor(db, world.cole)
    generation.generate_plan(
        db,
        coach,
        world.greta.id,
        PlanCreate(race_distance_m=10_000, race_date=TODAY + timedelta(weeks=14)),
        now=NOW,
    )
    return list(
        db.scalars(
            select(PlannedSession)
            .where(
                PlannedSession.athlete_id == world.greta.id,
                PlannedSession.scheduled_date.between(TODAY, TODAY + timedelta(days=6)),
                PlannedSession.category != "rest",
            )
            .order_by(PlannedSession.scheduled_date)
        )
    )


def test_marked_days_leave_the_caseload_adherence_and_the_missed_count(
    db: Session, world: World
) -> None:
    planned = _week_of_plan(db, world)
    assert len(planned) >= 3
    later = NOW + timedelta(days=6)  # the snapshot's seven days are the plan's first week
    coach = actor(db, world.cole)
    first = planned[0]
    training.log_session(
        db,
        coach,
        world.greta.id,
        TrainingLogCreate(
            local_date=first.scheduled_date, duration_s=first.planned_duration_s, rpe=4
        ),
        now=later,
    )
    snap = db.get(AthleteSnapshot, world.greta.id)
    assert snap is not None
    unfair = snap.adherence_7d
    assert unfair is not None
    assert unfair < 1.0
    next_day = later.date() + timedelta(days=1)
    before = inputs.read_days(db, [(world.greta.id, next_day, [])])[world.greta.id]
    assert before.inputs.missed_sessions_7d == len(planned) - 1
    missed_days = [s.scheduled_date for s in planned[1:]]
    day_exceptions.mark_days(
        db, coach, world.greta.id, mark("sick", min(missed_days), max(missed_days)), now=later
    )
    db.expire_all()
    snap = db.get(AthleteSnapshot, world.greta.id)
    assert snap is not None
    assert snap.adherence_7d == pytest.approx(1.0)
    after = inputs.read_days(db, [(world.greta.id, next_day, [])])[world.greta.id]
    assert after.inputs.missed_sessions_7d == 0
