"""The plan calendar: weeks numbered from 1 holding their own days, the current week found,
original beside current beside executed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from runseason.errors import NotFound
from runseason.schemas.comments import CommentCreate
from runseason.schemas.plans import PlanCreate, SessionEdit
from runseason.schemas.training import TrainingLogCreate
from runseason.services import comments, training
from runseason.services.plans import calendar, editing, generation
from tests.factories import NOW, World, actor

BUILT = NOW - timedelta(days=10)


def _plan(db: Session, world: World) -> int:
    cole = actor(db, world.cole)
    start = BUILT.date() + timedelta(days=2)  # a Thursday: weeks still start on Mondays
    request = PlanCreate(
        race_distance_m=10000, race_date=start + timedelta(weeks=12), start_date=start
    )
    return generation.generate_plan(db, cole, world.greta.id, request, now=BUILT).id


def test_weeks_are_numbered_from_one_and_hold_their_own_days(db: Session, world: World) -> None:
    plan_id = _plan(db, world)
    read = calendar.get_plan_calendar(db, actor(db, world.cole), plan_id, now=NOW)
    assert [w.number for w in read.weeks] == list(range(1, len(read.weeks) + 1))
    for week in read.weeks:
        assert week.start_date.weekday() == 0
        for s in week.sessions:
            assert week.start_date <= s.scheduled_date < week.start_date + timedelta(days=7)
    assert sum(len(w.sessions) for w in read.weeks) == len(
        generation.get_plan(db, actor(db, world.cole), plan_id).sessions
    )
    current = read.weeks[read.current_week - 1]
    assert current.is_current
    assert current.start_date <= NOW.date() < current.start_date + timedelta(days=7)
    assert read.weeks[0].sessions, "the first week is shown with its sessions"


def test_each_session_shows_the_original_the_change_and_what_was_done(
    db: Session, world: World
) -> None:
    plan_id = _plan(db, world)
    cole = actor(db, world.cole)
    read = calendar.get_plan_calendar(db, cole, plan_id, now=NOW)
    sessions = [s for w in read.weeks for s in w.sessions if s.category != "rest"]
    done_one = next(s for s in sessions if s.scheduled_date < NOW.date())
    future = next(s for s in sessions if s.scheduled_date > NOW.date() + timedelta(days=2))
    greta = actor(db, world.user_of(world.greta, db))
    entry = TrainingLogCreate(
        local_date=done_one.scheduled_date, duration_s=1800, distance_m=5000, rpe=4
    )
    training.log_session(db, greta, world.greta.id, entry, now=NOW)
    editing.edit_session(db, cole, future.id, SessionEdit(planned_duration_s=55 * 60), now=NOW)
    after = calendar.get_plan_calendar(db, greta, plan_id, now=NOW)
    by_id = {s.id: s for w in after.weeks for s in w.sessions}
    logged = by_id[done_one.id]
    assert (logged.done_duration_s, logged.done_distance_m, logged.logs) == (1800, 5000, 1)
    assert logged.status in {"completed", "partial"}
    assert not logged.changed
    edited = by_id[future.id]
    assert edited.changed
    assert edited.planned_duration_s == 55 * 60
    assert edited.original_duration_s == future.planned_duration_s
    assert edited.done_duration_s is None
    week = next(w for w in after.weeks if any(s.id == done_one.id for s in w.sessions))
    assert week.done_distance_m == 5000


def test_another_organization_cannot_read_the_calendar(db: Session, world: World) -> None:
    plan_id = _plan(db, world)
    with pytest.raises(NotFound):
        calendar.get_plan_calendar(db, actor(db, world.otto), plan_id, now=NOW)


def test_each_session_says_how_many_messages_its_thread_holds(db: Session, world: World) -> None:
    cole = actor(db, world.cole)
    plan_id = _plan(db, world)
    first = calendar.get_plan_calendar(db, cole, plan_id, now=NOW).weeks[0].sessions[0]
    assert first.comments == 0
    for text in ("Legs heavy", "Keep the reps at 4:05"):
        comments.add_session_comment(db, cole, first.id, CommentCreate(body=text), now=NOW)
    again = calendar.get_plan_calendar(db, cole, plan_id, now=NOW).weeks[0].sessions
    assert [s.comments for s in again] == [2] + [0] * (len(again) - 1)
