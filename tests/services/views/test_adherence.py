"""Adherence week by week: each session's ratios and colour, and excused days out of the count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession
from runseason.errors import InvalidInput, NotFound
from runseason.schemas.plans import PlanCreate
from runseason.schemas.training import DayExceptionCreate, TrainingLogCreate
from runseason.services import day_exceptions, training
from runseason.services.plans import generation
from runseason.services.views import adherence
from tests.factories import NOW, World, actor

TODAY = NOW.date()
LATER = NOW + timedelta(days=13)


def _plan_sessions(db: Session, world: World) -> list[PlannedSession]:
    generation.generate_plan(
        db,
        actor(db, world.cole),
        world.greta.id,
        PlanCreate(race_distance_m=10_000, race_date=TODAY + timedelta(weeks=14)),
        now=NOW,
    )
    return list(
        db.scalars(
            select(PlannedSession)
            .where(
                PlannedSession.athlete_id == world.greta.id,
                PlannedSession.scheduled_date.between(TODAY, LATER.date() - timedelta(days=1)),
                PlannedSession.category != "rest",
            )
            .order_by(PlannedSession.scheduled_date)
        )
    )


def _log(db: Session, world: World, s: PlannedSession, share: float) -> None:
    data = TrainingLogCreate(
        local_date=s.scheduled_date, duration_s=s.planned_duration_s * share, rpe=5
    )
    training.log_session(db, actor(db, world.cole), world.greta.id, data, now=LATER)


def test_each_session_gets_its_colour_and_the_week_its_percentage(
    db: Session, world: World
) -> None:
    planned = _plan_sessions(db, world)
    green, yellow, red = planned[0], planned[1], planned[2]
    _log(db, world, green, 1.0)
    _log(db, world, yellow, 0.6)
    _log(db, world, red, 0.3)
    read = adherence.get_adherence(db, actor(db, world.cole), world.greta.id, now=LATER, weeks=3)
    sessions = {s.planned_session_id: s for w in read.weeks for s in w.sessions}
    assert sessions[green.id].band == "green"
    assert sessions[green.id].duration_ratio == pytest.approx(1.0)
    assert sessions[yellow.id].band == "yellow"
    assert sessions[red.id].band == "red"
    missed = [s for s in sessions.values() if s.status == "missed"]
    assert missed
    assert all(s.band == "red" for s in missed)
    counted = [s for w in read.weeks for s in w.sessions]
    assert len(counted) == len(planned)
    week = next(w for w in read.weeks if any(s.planned_session_id == green.id for s in w.sessions))
    expected = 100 * (week.green + 0.5 * week.yellow) / week.counted
    assert week.percent == pytest.approx(expected)


def test_a_sick_week_is_excused_not_missed(db: Session, world: World) -> None:
    planned = _plan_sessions(db, world)
    days = [s.scheduled_date for s in planned]
    greta = actor(db, world.user_of(world.greta, db))
    sick = DayExceptionCreate(kind="sick", start_date=min(days), end_date=max(days))
    day_exceptions.mark_days(db, greta, world.greta.id, sick, now=LATER)
    read = adherence.get_adherence(db, greta, world.greta.id, now=LATER, weeks=3)
    sessions = [s for w in read.weeks for s in w.sessions]
    assert sessions
    assert all(s.status == "excused" and s.excused_by == "sick" for s in sessions)
    assert all(w.percent is None for w in read.weeks)
    assert sum(w.excused for w in read.weeks) == len(planned)
    assert [e.kind for e in read.exceptions] == ["sick"]


def test_todays_session_counts_only_once_logged(db: Session, world: World) -> None:
    planned = _plan_sessions(db, world)
    today_session = planned[0]
    at_day = NOW.replace(hour=20)
    read = adherence.get_adherence(db, actor(db, world.cole), world.greta.id, now=at_day)
    ids = [s.planned_session_id for w in read.weeks for s in w.sessions]
    assert today_session.id not in ids
    data = TrainingLogCreate(local_date=TODAY, duration_s=today_session.planned_duration_s, rpe=5)
    training.log_session(db, actor(db, world.cole), world.greta.id, data, now=at_day)
    read = adherence.get_adherence(db, actor(db, world.cole), world.greta.id, now=at_day)
    ids = [s.planned_session_id for w in read.weeks for s in w.sessions]
    assert today_session.id in ids


def test_adherence_is_refused_for_strangers_and_bad_ranges(db: Session, world: World) -> None:
    with pytest.raises(NotFound):
        adherence.get_adherence(db, actor(db, world.otto), world.greta.id, now=NOW)
    with pytest.raises(InvalidInput, match="weeks"):
        adherence.get_adherence(db, actor(db, world.cole), world.greta.id, now=NOW, weeks=0)
