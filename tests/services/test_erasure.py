"""Erasure: an athlete's person and every row held about them go; a tombstone stays.

The walk below reads the schema itself, so a table added later is checked without being named.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from runseason.db.base import Base
from runseason.db.models import Athlete, AuditLog, CheckIn, ErrorEvent, Organization, User
from runseason.errors import InvalidInput, NotFound, PermissionDenied
from runseason.schemas.cases import HealthCaseCreate, NoteCreate, TaskCreate
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.coaching import AutomationUpdate
from runseason.schemas.plans import GoalCreate, PlanCreate
from runseason.schemas.training import TrainingLogCreate
from runseason.services import cases, checkins, erasure, training
from runseason.services.coaching_settings import set_automation_mode
from runseason.services.plans import generation, goals
from tests.factories import NOW, World, actor


def _a_season_of_greta(db: Session, world: World) -> None:
    """Greta's data in most tables: check-ins, logs, notes, tasks, cases, goals, a plan."""
    greta = actor(db, world.user_of(world.greta, db))
    cole = actor(db, world.cole)
    for days_ago in range(3):
        moment = NOW - timedelta(days=days_ago)
        checkins.submit_checkin(
            db,
            greta,
            world.greta.id,
            CheckInCreate(sleep_quality=3, energy=3, recovery=3, stress=2, note="sore calf"),
            now=moment,
        )
        training.log_session(
            db,
            greta,
            world.greta.id,
            TrainingLogCreate(local_date=moment.date(), duration_s=2400, rpe=5),
            now=moment,
        )
    cases.add_note(db, cole, world.greta.id, NoteCreate(body="Knee history"), now=NOW)
    cases.add_task(db, cole, world.greta.id, TaskCreate(title="Call Greta"), now=NOW)
    cases.open_health_case(
        db, cole, world.greta.id, HealthCaseCreate(kind="injury", started_on=NOW.date()), now=NOW
    )
    race = NOW.date() + timedelta(weeks=12)
    goal = goals.create_goal(
        db,
        cole,
        world.greta.id,
        GoalCreate(name="City 10K", distance_m=10000, race_date=race),
        now=NOW,
    )
    generation.generate_plan(db, cole, world.greta.id, PlanCreate(goal_id=goal.id), now=NOW)
    set_automation_mode(db, cole, "athlete", world.greta.id, AutomationUpdate(mode="automatic"))
    db.flush()


def _referencing(db: Session, table: Table, athlete_id: int, user_id: int) -> list[str]:
    """Columns of ``table`` that still point at the erased athlete or their user."""
    found = []
    for column in table.c:
        targets = {fk.column.table.name for fk in column.foreign_keys}
        value = None
        if "athletes" in targets or column.name == "athlete_id":
            value = athlete_id
        elif "users" in targets:
            value = user_id
        if value is not None and db.scalar(
            select(func.count()).select_from(table).where(column == value)
        ):
            found.append(f"{table.name}.{column.name}")
    if {"scope", "subject_id"} <= set(table.c.keys()):  # a row naming its person by scope
        named = (table.c.scope == "athlete") & (table.c.subject_id == athlete_id)
        named |= (table.c.scope == "coach") & (table.c.subject_id == user_id)
        if db.scalar(select(func.count()).select_from(table).where(named)):
            found.append(f"{table.name}.subject_id")
    return found


def test_every_foreign_key_deletes_with_or_forgets_the_row_it_points_to() -> None:
    assert erasure.unforgetting_keys() == []


def test_nothing_in_any_table_points_at_an_erased_athlete(db: Session, world: World) -> None:
    _a_season_of_greta(db, world)
    riley_checkins = db.scalar(
        select(func.count()).select_from(CheckIn).where(CheckIn.athlete_id == world.riley.id)
    )
    athlete_id, user_id = world.greta.id, world.greta.user_id
    counts = erasure.erase_athlete(db, actor(db, world.ada), athlete_id, now=NOW)
    assert counts["check_ins"] == 3
    assert counts["training_logs"] == 3
    assert counts["users"] == counts["athletes"] == 1
    assert counts["setting_overrides"] == 1
    left = [
        where
        for table in Base.metadata.sorted_tables
        for where in _referencing(db, table, athlete_id, user_id)
    ]
    assert left == []
    assert db.get(Athlete, athlete_id) is None
    assert db.get(User, user_id) is None
    trail: list[Any] = list(
        db.scalars(select(AuditLog).where(AuditLog.changes.is_not(None)).order_by(AuditLog.id))
    )
    about_her = [
        row for row in trail if row.actor_user_id == user_id or "sore calf" in str(row.changes)
    ]
    assert about_her == []
    (tombstone,) = [r for r in trail if r.changes.get("erased")]
    assert (tombstone.entity, tombstone.entity_id) == ("athletes", str(athlete_id))
    assert tombstone.actor_user_id == world.ada.id
    assert "Greta" not in str(tombstone.changes)
    still = db.scalar(
        select(func.count()).select_from(CheckIn).where(CheckIn.athlete_id == world.riley.id)
    )
    assert still == riley_checkins


def test_only_an_admin_of_the_athletes_organization_may_erase(db: Session, world: World) -> None:
    with pytest.raises(PermissionDenied):
        erasure.erase_athlete(db, actor(db, world.cole), world.greta.id, now=NOW)
    with pytest.raises(NotFound):
        erasure.erase_athlete(db, actor(db, world.otto), world.greta.id, now=NOW)
    assert db.get(Athlete, world.greta.id) is not None


# Columns that name a person or an organization without a foreign key (the trail outlives them).
LOOSE_PEOPLE = {"actor_user_id": "users", "user_id": "users", "subject_id": "people"}


def _pointing_at(
    db: Session, table: Table, people: dict[str, set[int]], organization_id: int
) -> list[str]:
    """Columns of ``table`` that still hold an erased person, athlete or the organization."""
    found = []
    for column in table.c:
        targets = {fk.column.table.name for fk in column.foreign_keys}
        kinds = targets & {"users", "athletes"}
        if column.name in LOOSE_PEOPLE and not targets:
            kinds = {"users", "athletes"}
        values = set().union(*(people[k] for k in kinds)) if kinds else set()
        if "organizations" in targets or column.name == "organization_id":
            values = {organization_id}
        if values and db.scalar(
            select(func.count()).select_from(table).where(column.in_(sorted(values)))
        ):
            found.append(f"{table.name}.{column.name}")
    return found


def _tenant_counts(db: Session, organization_id: int) -> dict[str, int]:
    return {
        t.name: db.scalar(
            select(func.count()).select_from(t).where(t.c.organization_id == organization_id)
        )
        or 0
        for t in Base.metadata.sorted_tables
        if "organization_id" in t.c
    }


def test_nothing_in_any_table_points_at_an_erased_organization_or_its_people(
    db: Session, world: World
) -> None:
    _a_season_of_greta(db, world)
    oona = actor(db, world.user_of(world.oona, db))
    checkins.submit_checkin(
        db,
        oona,
        world.oona.id,
        CheckInCreate(sleep_quality=4, energy=4, recovery=4, stress=1),
        now=NOW,
    )
    db.add(
        ErrorEvent(
            level="error",
            logger="t",
            message="x",
            user_id=world.cole.id,
            organization_id=world.north.id,
        )
    )
    db.flush()
    north = world.north.id
    people = {
        "users": set(db.scalars(select(User.id).where(User.organization_id == north))),
        "athletes": set(db.scalars(select(Athlete.id).where(Athlete.organization_id == north))),
    }
    emails = list(db.scalars(select(User.email).where(User.organization_id == north)))
    south_before = _tenant_counts(db, world.south.id)
    counts = erasure.erase_organization(
        db, actor(db, world.ada), north, confirmation="northside", now=NOW
    )
    assert counts["users"] == len(people["users"]) == 8
    assert counts["check_ins"] == 3
    left = [
        where
        for table in Base.metadata.sorted_tables
        for where in _pointing_at(db, table, people, north)
    ]
    assert left == []
    assert db.get(Organization, north) is None
    trail = list(db.scalars(select(AuditLog)))
    about_them = [
        row
        for row in trail
        if (row.entity in ("users", "athletes") and int(row.entity_id) in people[row.entity])
        or any(email in str(row.changes) for email in emails)
    ]
    assert about_them == []
    (tombstone,) = [r for r in trail if r.entity == "organizations" and r.changes.get("erased")]
    assert tombstone.entity_id == str(north)
    assert tombstone.actor_user_id is None
    assert "Northside" not in str(tombstone.changes)
    assert _tenant_counts(db, world.south.id) == south_before
    assert db.get(User, world.otto.id) is not None


def test_an_organization_is_erased_only_by_its_admin_who_types_its_name(
    db: Session, world: World
) -> None:
    north = world.north.id
    with pytest.raises(InvalidInput, match="northside"):
        erasure.erase_organization(db, actor(db, world.ada), north, confirmation="north", now=NOW)
    for who in (world.cole, world.otto, world.user_of(world.greta, db)):
        with pytest.raises(NotFound):
            erasure.erase_organization(db, actor(db, who), north, confirmation="northside", now=NOW)
    assert db.get(Organization, north) is not None


def test_the_operator_erases_an_organization_by_its_short_name(db: Session, world: World) -> None:
    with pytest.raises(InvalidInput):
        erasure.erase_organization_by_slug(db, "southside", confirmation="", now=NOW)
    counts = erasure.erase_organization_by_slug(db, "southside", confirmation="southside", now=NOW)
    assert counts["users"] == 2
    assert db.get(Organization, world.south.id) is None
    assert db.get(Organization, world.north.id) is not None
