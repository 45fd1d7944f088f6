"""Onboarding, profiles and coach assignments."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import AuditLog, CoachAssignment
from runseason.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from runseason.schemas.accounts import AthleteUpdate, OrganizationCreate, ProfileUpdate, UserCreate
from runseason.services.identity import organizations, users
from runseason.services.identity.access import may_see_athlete
from tests.factories import NOW, World, actor


def test_admin_creates_a_coach_with_a_temporary_password(db: Session, world: World) -> None:
    created = users.create_user(
        db,
        actor(db, world.ada),
        UserCreate(email="Nina@Northside.example.com", full_name="Nina", role="coach"),
        now=NOW,
    )
    assert created.user.email == "nina@northside.example.com"
    assert created.user.must_change_password
    assert len(created.temporary_password) == 20


def test_coach_creates_an_athlete_who_is_assigned_to_them(db: Session, world: World) -> None:
    created = users.create_user(
        db,
        actor(db, world.cole),
        UserCreate(email="newbie@northside.example.com", full_name="Newbie", role="athlete"),
        now=NOW,
    )
    assert created.user.athlete_id is not None
    athlete = users.get_athlete_profile(db, actor(db, world.cole), created.user.athlete_id)
    assert athlete.display_name == "Newbie"


def test_coach_cannot_create_coaches_or_admins(db: Session, world: World) -> None:
    with pytest.raises(PermissionDenied):
        users.create_user(
            db,
            actor(db, world.cole),
            UserCreate(email="boss@northside.example.com", full_name="Boss", role="admin"),
            now=NOW,
        )


def test_duplicate_email_is_a_conflict(db: Session, world: World) -> None:
    with pytest.raises(Conflict):
        users.create_user(
            db,
            actor(db, world.ada),
            UserCreate(email=world.cole.email, full_name="Twin", role="coach"),
            now=NOW,
        )


def test_duplicate_organization_slug_is_a_conflict(db: Session, world: World) -> None:
    with pytest.raises(Conflict):
        organizations.create_organization(db, OrganizationCreate(name="Again", slug="northside"))


@pytest.mark.parametrize(
    "fields",
    [
        {"email": "not-an-email", "full_name": "X", "role": "coach"},
        {"email": "a@b.example.com", "full_name": "X", "role": "owner"},
        {"email": "a@b.example.com", "full_name": "X", "role": "coach", "timezone": "Mars/Base"},
        {"email": "a@b.example.com", "full_name": "X", "role": "coach", "extra": 1},
    ],
)
def test_user_input_is_validated_at_the_boundary(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        UserCreate.model_validate(fields)


def test_moving_an_athlete_between_coaches_keeps_the_history(db: Session, world: World) -> None:
    admin = actor(db, world.ada)
    users.assign_coach(db, admin, world.greta.id, world.asha.id, now=NOW)
    history = users.list_assignments(db, admin, world.greta.id)
    assert [(a.coach_id, a.ended_at is None) for a in history] == [
        (world.cole.id, False),
        (world.asha.id, True),
    ]
    assert not may_see_athlete(db, actor(db, world.cole), world.greta)
    assert may_see_athlete(db, actor(db, world.asha), world.greta)


def test_an_athlete_can_have_an_assistant_coach(db: Session, world: World) -> None:
    users.assign_coach(
        db, actor(db, world.ada), world.greta.id, world.uma.id, role="assistant", now=NOW
    )
    active = db.scalars(
        select(CoachAssignment.coach_id).where(
            CoachAssignment.athlete_id == world.greta.id, CoachAssignment.ended_at.is_(None)
        )
    ).all()
    assert set(active) == {world.cole.id, world.uma.id}


def test_assigning_a_coach_of_another_organization_is_not_found(db: Session, world: World) -> None:
    with pytest.raises(NotFound):
        users.assign_coach(db, actor(db, world.ada), world.greta.id, world.otto.id, now=NOW)


def test_reset_password_forces_a_change(db: Session, world: World) -> None:
    secret = users.reset_password(db, actor(db, world.ada), world.cole.id, now=NOW)
    db.refresh(world.cole)
    assert world.cole.must_change_password
    assert len(secret) == 20


def test_coach_resets_only_their_athletes_passwords(db: Session, world: World) -> None:
    riley_user = world.user_of(world.riley, db)
    with pytest.raises(NotFound):
        users.reset_password(db, actor(db, world.cole), riley_user.id, now=NOW)


def test_lists_are_paginated_and_scoped(db: Session, world: World) -> None:
    page = users.list_users(db, actor(db, world.ada), page=1, page_size=3)
    assert page.total == 8
    assert len(page.items) == 3
    coach_view = users.list_athletes(db, actor(db, world.cole))
    assert {a.display_name for a in coach_view.items} == {"Greta Green", "Sam Silent"}
    athlete_view = users.list_athletes(db, actor(db, world.user_of(world.greta, db)))
    assert [a.display_name for a in athlete_view.items] == ["Greta Green"]
    with pytest.raises(InvalidInput):
        users.list_athletes(db, actor(db, world.ada), page=0)


def test_profile_preferences_follow_the_athlete(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    users.update_profile(db, me, ProfileUpdate(unit_preference="mi", timezone="Asia/Tokyo"))
    profile = users.get_athlete_profile(db, me, world.greta.id)
    assert (profile.unit_preference, profile.timezone) == ("mi", "Asia/Tokyo")


def test_heart_rates_must_be_ordered(db: Session, world: World) -> None:
    with pytest.raises(InvalidInput):
        users.update_athlete(
            db, actor(db, world.cole), world.greta.id, AthleteUpdate(hr_rest=100, hr_max=100)
        )


def test_profile_changes_are_audited_with_before_and_after(db: Session, world: World) -> None:
    users.update_athlete(db, actor(db, world.cole), world.greta.id, AthleteUpdate(hr_max=191))
    db.flush()
    row = db.scalars(
        select(AuditLog)
        .where(AuditLog.entity == "athletes", AuditLog.entity_id == str(world.greta.id))
        .order_by(AuditLog.id.desc())
    ).first()
    assert row is not None
    assert row.action == "update"
    assert row.changes["hr_max"] == [None, 191]
