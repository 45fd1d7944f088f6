"""Athletes, their coaches and their marked days as tables: ranges and orders refused, one active
assignment per coach and athlete, and the SQL test of a marked day."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, AvailabilityException, CoachAssignment
from tests.db.models.checks import accepted, refused
from tests.factories import NOW, World


def test_an_athlete_refuses_values_out_of_range_and_a_resting_hr_over_the_maximum(
    db: Session, world: World
) -> None:
    greta = world.greta
    accepted(db, greta, hr_rest=48, hr_max=190, vdot=50, level="advanced")
    refused(db, greta, "hr_order", hr_rest=195)  # above the maximum
    refused(db, greta, "vdot_range", vdot=95)
    refused(db, greta, "level_valid", level="pro")
    refused(db, greta, "preferred_long_run_day_range", preferred_long_run_day=7)
    refused(db, greta, "unit_preference_valid", unit_preference="yd")
    assert db.get(Athlete, greta.id).hr_max == 190  # type: ignore[union-attr]


def test_a_coach_has_one_active_assignment_per_athlete(db: Session, world: World) -> None:
    active = db.scalars(
        select(CoachAssignment).where(
            CoachAssignment.athlete_id == world.greta.id, CoachAssignment.ended_at.is_(None)
        )
    ).one()
    twice = CoachAssignment(
        organization_id=world.north.id,
        athlete_id=world.greta.id,
        coach_id=active.coach_id,
        role="assistant",
        started_at=NOW,
    )
    refused(db, twice, "coach_assignments")
    refused(db, active, "role_valid", role="mentor")
    active.ended_at = NOW
    db.flush()
    accepted(db, twice)  # the ended one is history


def test_marked_days_end_on_or_after_they_start_and_cover_their_days(
    db: Session, world: World
) -> None:
    first = date(2027, 3, 1)
    sick = AvailabilityException(
        organization_id=world.north.id,
        athlete_id=world.greta.id,
        kind="sick",
        start_date=first,
        end_date=first - timedelta(days=1),
    )
    refused(db, sick, "date_order")
    refused(db, sick, "kind_valid", end_date=first + timedelta(days=2), kind="bored")
    accepted(db, sick, end_date=first + timedelta(days=2), kind="sick")
    for offset, marked in ((-1, False), (0, True), (2, True), (3, False)):
        day = first + timedelta(days=offset)
        found = db.scalar(select(AvailabilityException.covers(world.greta.id, day)))
        assert bool(found) is marked, day
    assert not db.scalar(select(AvailabilityException.covers(world.sam.id, first)))
