"""Planned sessions follow what was logged: completed, partial, missed; excused days and the
coach's own statuses are left alone, and a deleted or moved log undoes its mark."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason import scheduler
from runseason.db.models import PlannedSession
from runseason.schemas.plans import PlanCreate, SessionEdit
from runseason.schemas.training import DayExceptionCreate, TrainingLogCreate, TrainingLogUpdate
from runseason.services import day_exceptions, training
from runseason.services.identity.access import Actor
from runseason.services.plans import compliance, editing, generation
from tests.factories import NOW, World, actor

BUILT = NOW - timedelta(days=21)
START = BUILT.date()


def _plan(db: Session, world: World) -> tuple[Actor, list[PlannedSession]]:
    cole = actor(db, world.cole)
    request = PlanCreate(
        race_distance_m=10000, race_date=START + timedelta(weeks=12), start_date=START
    )
    plan = generation.generate_plan(db, cole, world.greta.id, request, now=BUILT)
    rows = db.scalars(
        select(PlannedSession)
        .where(PlannedSession.plan_id == plan.id, PlannedSession.category != "rest")
        .order_by(PlannedSession.scheduled_date)
    ).all()
    return cole, list(rows)


def _log(db: Session, world: World, row: PlannedSession, share: float) -> int:
    greta = actor(db, world.user_of(world.greta, db))
    entry = TrainingLogCreate(
        local_date=row.scheduled_date, duration_s=row.planned_duration_s * share, rpe=4
    )
    return training.log_session(db, greta, world.greta.id, entry, now=NOW).id


def _status(db: Session, row: PlannedSession) -> str:
    db.refresh(row)
    return row.status


def _past(rows: list[PlannedSession]) -> list[PlannedSession]:
    return [r for r in rows if r.scheduled_date < NOW.date() - timedelta(days=1)]


def test_a_log_marks_its_session_and_the_unlogged_past_is_missed(db: Session, world: World) -> None:
    _cole, rows = _plan(db, world)
    past = _past(rows)
    assert len(past) >= 4
    assert all(_status(db, r) == "planned" for r in rows), "nothing is marked before a log"
    _log(db, world, past[0], 1.0)
    _log(db, world, past[1], 0.4)
    assert _status(db, past[0]) == "completed"
    assert _status(db, past[1]) == "partial"
    assert {_status(db, r) for r in past[2:]} == {"missed"}
    future = [r for r in rows if r.scheduled_date > NOW.date()]
    assert {_status(db, r) for r in future} == {"planned"}


def test_more_than_planned_is_completed_and_a_late_log_turns_missed_into_done(
    db: Session, world: World
) -> None:
    _cole, rows = _plan(db, world)
    past = _past(rows)
    _log(db, world, past[0], 1.0)
    assert _status(db, past[1]) == "missed"
    _log(db, world, past[1], 1.6)
    assert _status(db, past[1]) == "completed"


def test_deleting_or_moving_a_log_undoes_its_mark(db: Session, world: World) -> None:
    _cole, rows = _plan(db, world)
    past = _past(rows)
    greta = actor(db, world.user_of(world.greta, db))
    first = _log(db, world, past[0], 1.0)
    second = _log(db, world, past[1], 1.0)
    training.delete_log(db, greta, first, now=NOW)
    assert _status(db, past[0]) == "missed"
    move = TrainingLogUpdate(local_date=past[2].scheduled_date)
    training.update_log(db, greta, second, move, now=NOW)
    assert _status(db, past[1]) == "missed"
    assert _status(db, past[2]) in {"completed", "partial"}, "the moved log answers its new day"


def test_excused_days_and_the_coachs_statuses_are_not_overwritten(
    db: Session, world: World
) -> None:
    cole, rows = _plan(db, world)
    past = _past(rows)
    greta = actor(db, world.user_of(world.greta, db))
    sick = DayExceptionCreate(kind="sick", start_date=past[2].scheduled_date)
    day_exceptions.mark_days(db, greta, world.greta.id, sick, now=NOW)
    cancel = SessionEdit(status="cancelled", reason="rest instead")
    editing.edit_session(db, cole, past[3].id, cancel, now=NOW)
    _log(db, world, past[0], 1.0)
    assert _status(db, past[2]) == "planned", "a day marked sick is not missed"
    assert _status(db, past[3]) == "cancelled"
    assert _status(db, past[1]) == "missed"


def test_settle_athletes_marks_a_whole_season_at_once(db: Session, world: World) -> None:
    _cole, rows = _plan(db, world)
    today: date = NOW.date()
    changed = compliance.settle_athletes(db, {world.greta.id: today})
    assert changed == len([r for r in rows if r.scheduled_date < today])
    assert {_status(db, r) for r in _past(rows)} == {"missed"}


def test_the_scheduler_marks_the_past_of_athletes_who_write_nothing(
    db: Session, world: World
) -> None:
    _cole, rows = _plan(db, world)
    past = _past(rows)
    assert "plans.missed" in {j.name for j in scheduler.JOBS}
    assert compliance.settle_missed_sessions(now=NOW) == len(
        [r for r in rows if r.scheduled_date < NOW.date()]
    )
    assert {_status(db, r) for r in past} == {"missed"}
    assert compliance.settle_missed_sessions(now=NOW) == 0, "a second run finds nothing"


def test_marking_a_missed_day_sick_excuses_it_and_unmarking_misses_it_again(
    db: Session, world: World
) -> None:
    _cole, rows = _plan(db, world)
    past = _past(rows)
    _log(db, world, past[0], 1.0)
    assert _status(db, past[1]) == "missed"
    greta = actor(db, world.user_of(world.greta, db))
    sick = DayExceptionCreate(kind="sick", start_date=past[1].scheduled_date)
    marked = day_exceptions.mark_days(db, greta, world.greta.id, sick, now=NOW)
    assert _status(db, past[1]) == "planned"
    day_exceptions.remove_days(db, greta, marked.id, now=NOW)
    assert _status(db, past[1]) == "missed"
