"""The organization week by week, counted from days and sessions whose numbers are known."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, DailyMetric, PlannedSession, TrainingPlan
from runseason.domain.dates import week_start
from runseason.errors import InvalidInput, NotFound
from runseason.schemas.groups import GroupCreate
from runseason.services import groups
from runseason.services.views import distributions
from tests.factories import NOW, World, actor

THIS_WEEK = week_start(NOW.date())
LAST_WEEK = THIS_WEEK - timedelta(weeks=1)


def _days(db: Session, world: World) -> None:
    """Last week: Greta green three days, Sam red one day, Riley (Asha's) amber; loads known."""
    rows = [
        (world.greta, LAST_WEEK, "green", "stable", 50.0, 60.0),
        (world.greta, LAST_WEEK + timedelta(days=1), "green", "stable", 70.0, 60.0),
        (world.greta, LAST_WEEK + timedelta(days=2), "green", "watch", 0.0, 0.0),
        (world.sam, LAST_WEEK + timedelta(days=3), "red", "at_risk", 40.0, 80.0),
        (world.riley, LAST_WEEK, "amber", "watch", 90.0, 90.0),
    ]
    for athlete, day, band, bucket, load, planned in rows:
        db.add(
            DailyMetric(
                organization_id=athlete.organization_id,
                athlete_id=athlete.id,
                day=day,
                load=load,
                planned_load=planned,
                readiness_band=band,
                risk_bucket=bucket,
            )
        )
    org = {"organization_id": world.north.id, "athlete_id": world.greta.id}
    plan = TrainingPlan(**org, name="Base", start_date=LAST_WEEK, end_date=NOW.date(), weeks=2)
    db.add(plan)
    db.flush()
    for offset, status, role in (
        (0, "completed", "easy"),
        (1, "partial", "quality"),
        (2, "missed", "easy"),
        (3, "planned", "long"),  # passed without a log: missed too
        (4, "completed", "rest"),  # rest days are not counted
    ):
        db.add(
            PlannedSession(
                **org,
                plan_id=plan.id,
                scheduled_date=LAST_WEEK + timedelta(days=offset),
                title="Run",
                category="easy",
                role=role,
                status=status,
            )
        )
    db.flush()


def test_a_coach_sees_their_athletes_week_by_week(db: Session, world: World) -> None:
    _days(db, world)
    read = distributions.get_distributions(db, actor(db, world.cole), now=NOW, weeks=2)
    readiness = {(r.week_start, r.category): r.athlete_days for r in read.readiness}
    assert readiness == {(LAST_WEEK, "Green"): 3, (LAST_WEEK, "Red"): 1}  # not Riley's amber
    risk = {(r.week_start, r.category): r.athlete_days for r in read.risk}
    assert risk == {(LAST_WEEK, "Stable"): 2, (LAST_WEEK, "Watch"): 1, (LAST_WEEK, "At risk"): 1}
    (week,) = read.adherence
    assert (week.planned, week.completed, week.partial, week.missed) == (4, 1, 1, 2)
    assert week.adherence == 0.25
    (load,) = read.load
    assert (load.athletes, load.total_load, load.planned_load) == (2, 160.0, 200.0)
    assert load.median_load == 80.0  # Greta 120, Sam 40


def test_an_admin_sees_the_organization_or_one_coach(db: Session, world: World) -> None:
    _days(db, world)
    admin = actor(db, world.ada)
    whole = distributions.get_distributions(db, admin, now=NOW, weeks=2)
    assert sum(r.athlete_days for r in whole.readiness) == 5
    asha = distributions.get_distributions(db, admin, now=NOW, weeks=2, coach_id=world.asha.id)
    assert [(r.category, r.athlete_days) for r in asha.readiness] == [("Amber", 1)]
    assert asha.adherence == []


def test_bad_requests_are_named(db: Session, world: World) -> None:
    with pytest.raises(InvalidInput, match="weeks"):
        distributions.get_distributions(db, actor(db, world.cole), now=NOW, weeks=0)
    with pytest.raises(InvalidInput, match="coach_id"):
        distributions.get_distributions(db, actor(db, world.cole), now=NOW, coach_id=world.asha.id)
    with pytest.raises(NotFound):
        distributions.get_distributions(db, actor(db, world.ada), now=NOW, coach_id=world.otto.id)


def _group(db: Session, world: World, name: str, *athletes: Athlete) -> int:
    data = GroupCreate(name=name, athlete_ids=[a.id for a in athletes])
    return groups.create_group(db, actor(db, world.ada), data).id


def test_a_group_narrows_every_chart_to_its_athletes(db: Session, world: World) -> None:
    _days(db, world)
    squad = _group(db, world, "Marathon squad", world.sam, world.riley)
    admin = actor(db, world.ada)
    read = distributions.get_distributions(db, admin, now=NOW, weeks=2, group_id=squad)
    readiness = {r.category: r.athlete_days for r in read.readiness}
    assert readiness == {"Red": 1, "Amber": 1}  # Sam and Riley, not Greta
    assert read.adherence == []  # the plan is Greta's
    (load,) = read.load
    assert (load.athletes, load.total_load) == (2, 130.0)


def test_a_group_and_a_coach_combine(db: Session, world: World) -> None:
    _days(db, world)
    squad = _group(db, world, "Marathon squad", world.sam, world.riley)
    admin = actor(db, world.ada)
    both = distributions.get_distributions(
        db, admin, now=NOW, weeks=2, coach_id=world.cole.id, group_id=squad
    )
    assert [(r.category, r.athlete_days) for r in both.readiness] == [("Red", 1)]  # Sam only


def test_a_coach_sees_only_their_own_athletes_of_a_group(db: Session, world: World) -> None:
    _days(db, world)
    squad = _group(db, world, "Marathon squad", world.greta, world.riley)
    read = distributions.get_distributions(
        db, actor(db, world.cole), now=NOW, weeks=2, group_id=squad
    )
    assert {r.category for r in read.readiness} == {"Green"}  # Greta's days, never Riley's
    (load,) = read.load
    assert load.athletes == 1


def test_an_empty_group_shows_no_days_and_a_foreign_group_is_not_found(
    db: Session, world: World
) -> None:
    _days(db, world)
    empty = _group(db, world, "Juniors")
    read = distributions.get_distributions(db, actor(db, world.ada), now=NOW, group_id=empty)
    assert (read.readiness, read.risk, read.adherence, read.load) == ([], [], [], [])
    with pytest.raises(NotFound):
        distributions.get_distributions(db, actor(db, world.otto), now=NOW, group_id=empty)
