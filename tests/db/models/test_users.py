"""Accounts and their credentials as tables: roles and scopes refused, e-mail and token hashes
unique, and the defaults of a new account."""

from __future__ import annotations

from sqlalchemy.orm import Session

from runseason.db.models import ApiKey, IdempotencyRecord, User
from tests.db.models.checks import refused
from tests.factories import World


def test_a_new_account_must_change_its_password_and_starts_in_utc_and_km(
    db: Session, world: World
) -> None:
    user = User(
        organization_id=world.north.id,
        email="new@north.example.com",
        full_name="New",
        role="coach",
        password_hash="x",
    )
    db.add(user)
    db.flush()
    assert (user.must_change_password, user.is_active, user.failed_login_count) == (True, True, 0)
    assert (user.timezone, user.unit_preference) == ("UTC", "km")
    assert user.tokens_not_before is not None


def test_a_role_outside_the_list_and_a_second_account_per_e_mail_are_refused(
    db: Session, world: World
) -> None:
    refused(db, world.cole, "role_valid", role="owner")
    twin = User(
        organization_id=world.south.id,
        email=world.cole.email,
        full_name="Twin",
        role="coach",
        password_hash="x",
    )
    refused(db, twin, "email")


def test_an_api_key_is_read_only_by_default_and_its_scope_is_checked(
    db: Session, world: World
) -> None:
    key = ApiKey(
        organization_id=world.north.id,
        user_id=world.ada.id,
        name="sync",
        prefix="rs_a",
        key_hash="a" * 64,
    )
    db.add(key)
    db.flush()
    assert key.scope == "read"
    refused(db, key, "scope_valid", scope="admin")
    same_hash = ApiKey(
        organization_id=world.north.id,
        user_id=world.ada.id,
        name="copy",
        prefix="rs_b",
        key_hash="a" * 64,
    )
    refused(db, same_hash, "key_hash")


def test_an_idempotency_key_is_used_once_per_user(db: Session, world: World) -> None:
    def record(user_id: int) -> IdempotencyRecord:
        return IdempotencyRecord(
            user_id=user_id,
            key="k-1",
            method="POST",
            path="/api/v1/x",
            request_hash="h" * 64,
            status_code=201,
            response_body="{}",
        )

    db.add(record(world.cole.id))
    db.flush()
    db.add(record(world.asha.id))  # another user may use the same key
    db.flush()
    refused(db, record(world.cole.id), "idempotency_records")
