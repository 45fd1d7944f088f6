"""Sign-in, lockout, rate limits, sessions and password changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pwdlib.hashers.bcrypt import BcryptHasher
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import User, UserSession
from runseason.db.session import session_scope
from runseason.errors import AccountLocked, AuthenticationFailed, InvalidInput, RateLimited
from runseason.schemas.accounts import UserCreate
from runseason.services.identity import auth, users
from tests.factories import NOW, PASSWORD, World, actor

IP = "203.0.113.7"


def sign_in(email: str, password: str, *, now=NOW, ip: str = IP) -> int:
    """Sign in through the transaction boundary, as an entry point does."""
    with session_scope() as session:
        return auth.authenticate(session, email, password, ip=ip, now=now).id


def test_signs_in_with_the_right_password(world: World) -> None:
    assert sign_in(world.cole.email, PASSWORD) == world.cole.id


def test_email_is_case_insensitive(world: World) -> None:
    assert sign_in(world.cole.email.upper(), PASSWORD) == world.cole.id


def test_wrong_password_and_unknown_email_give_the_same_answer(world: World) -> None:
    with pytest.raises(AuthenticationFailed) as wrong:
        sign_in(world.cole.email, "not the password at all")
    with pytest.raises(AuthenticationFailed) as unknown:
        sign_in("nobody@northside.example.com", "not the password at all")
    assert type(wrong.value) is type(unknown.value)
    assert wrong.value.message == unknown.value.message


def test_locks_after_five_consecutive_failures_and_the_count_survives_the_refusal(
    db: Session, world: World
) -> None:
    for attempt in range(4):
        with pytest.raises(AuthenticationFailed):
            sign_in(world.cole.email, f"wrong password {attempt}")
    db.refresh(world.cole)
    assert world.cole.failed_login_count == 4
    with pytest.raises(AccountLocked, match="locked after too many failed sign-ins"):
        sign_in(world.cole.email, "wrong password 5")
    with pytest.raises(AccountLocked, match="Try again in 15 minutes"):
        sign_in(world.cole.email, PASSWORD)
    assert sign_in(world.cole.email, PASSWORD, now=NOW + timedelta(minutes=16)) == world.cole.id


def test_a_success_resets_the_failure_count(db: Session, world: World) -> None:
    for attempt in range(4):
        with pytest.raises(AuthenticationFailed):
            sign_in(world.cole.email, f"wrong password {attempt}")
    sign_in(world.cole.email, PASSWORD)
    with pytest.raises(AuthenticationFailed):
        sign_in(world.cole.email, "wrong again, only once")
    db.refresh(world.cole)
    assert world.cole.failed_login_count == 1


def test_unknown_accounts_lock_like_known_ones(world: World) -> None:
    for attempt in range(5):
        with pytest.raises(AuthenticationFailed):
            sign_in("ghost@northside.example.com", f"guess {attempt}")
    with pytest.raises(AccountLocked):
        sign_in("ghost@northside.example.com", "guess 6")


def test_no_more_than_100_failures_an_hour_whatever_the_address(world: World) -> None:
    for attempt in range(100):
        now = NOW + timedelta(minutes=16 * (attempt // 5))  # each lockout has ended
        with pytest.raises(AuthenticationFailed):
            sign_in(world.asha.email, f"guess {attempt}", now=now, ip=f"10.0.{attempt}.1")
    with pytest.raises(AccountLocked, match="this hour"):
        sign_in(world.asha.email, PASSWORD, now=NOW + timedelta(hours=9), ip="10.9.9.9")


def test_per_address_limit_on_sign_in_attempts(world: World) -> None:
    for _ in range(20):
        sign_in(world.cole.email, PASSWORD)
    with pytest.raises(RateLimited, match="from your address"):
        sign_in(world.cole.email, PASSWORD)
    assert sign_in(world.cole.email, PASSWORD, ip="198.51.100.1") == world.cole.id


def test_bcrypt_hash_is_rehashed_on_sign_in(db: Session, world: World) -> None:
    world.cole.password_hash = BcryptHasher().hash(PASSWORD)
    db.flush()
    sign_in(world.cole.email, PASSWORD)
    db.refresh(world.cole)
    assert world.cole.password_hash.startswith("$argon2id$")


def test_temporary_password_expires(db: Session, world: World) -> None:
    created = users.create_user(
        db,
        actor(db, world.ada),
        UserCreate(email="new@northside.example.com", full_name="New Coach", role="coach"),
        now=NOW,
    )
    assert created.user.must_change_password
    assert sign_in("new@northside.example.com", created.temporary_password)
    with pytest.raises(AuthenticationFailed, match="temporary password has expired"):
        sign_in(
            "new@northside.example.com", created.temporary_password, now=NOW + timedelta(hours=73)
        )


def test_forced_change_then_normal_sign_in(db: Session, world: World) -> None:
    created = users.create_user(
        db,
        actor(db, world.ada),
        UserCreate(email="fresh@northside.example.com", full_name="Fresh", role="coach"),
        now=NOW,
    )
    user = db.get(User, created.user.id)
    assert user is not None
    me = actor(db, user)
    assert auth.password_change_required(db, me)
    auth.change_password(db, me, created.temporary_password, "my own long passphrase", now=NOW)
    assert not auth.password_change_required(db, me)
    assert sign_in("fresh@northside.example.com", "my own long passphrase") == user.id


def test_sessions_resolve_until_idle_or_absolute_timeout(db: Session, world: World) -> None:
    token = auth.start_session(db, world.cole, now=NOW, user_agent="pytest")
    assert auth.resolve_session(db, token, now=NOW + timedelta(minutes=29)).user_id == world.cole.id
    for minutes in range(29, 12 * 60, 29):
        auth.resolve_session(db, token, now=NOW + timedelta(minutes=minutes))
    with pytest.raises(AuthenticationFailed, match="ended"):
        auth.resolve_session(db, token, now=NOW + timedelta(hours=12, minutes=1))
    idle = auth.start_session(db, world.cole, now=NOW)
    with pytest.raises(AuthenticationFailed):
        auth.resolve_session(db, idle, now=NOW + timedelta(minutes=31))


def test_only_the_token_hash_is_stored(db: Session, world: World) -> None:
    token = auth.start_session(db, world.cole, now=NOW)
    stored = db.scalars(select(UserSession.token_hash)).all()
    assert token not in stored
    assert auth.token_digest(token) in stored


def test_sign_out_ends_the_session(db: Session, world: World) -> None:
    token = auth.start_session(db, world.cole, now=NOW)
    auth.end_session(db, token, now=NOW)
    with pytest.raises(AuthenticationFailed):
        auth.resolve_session(db, token, now=NOW)


def test_unknown_token_is_refused(db: Session, world: World) -> None:
    with pytest.raises(AuthenticationFailed):
        auth.resolve_session(db, "made-up-token", now=NOW)


def test_password_change_needs_the_current_one_and_ends_other_sessions(
    db: Session, world: World
) -> None:
    kept = auth.start_session(db, world.cole, now=NOW)
    other = auth.start_session(db, world.cole, now=NOW)
    me = actor(db, world.cole)
    with pytest.raises(InvalidInput, match="current password"):
        auth.change_password(db, me, "wrong current one", "a brand new passphrase", now=NOW)
    auth.change_password(
        db, me, PASSWORD, "a brand new passphrase", now=NOW, keep_session_token=kept
    )
    assert auth.resolve_session(db, kept, now=NOW).user_id == world.cole.id
    with pytest.raises(AuthenticationFailed):
        auth.resolve_session(db, other, now=NOW)


def test_new_password_must_pass_the_policy(db: Session, world: World) -> None:
    with pytest.raises(InvalidInput, match="at least 12"):
        auth.change_password(db, actor(db, world.cole), PASSWORD, "short", now=NOW)


def test_deactivation_ends_sessions_and_refuses_sign_in(db: Session, world: World) -> None:
    token = auth.start_session(db, world.cole, now=NOW)
    users.deactivate_user(db, actor(db, world.ada), world.cole.id, now=NOW)
    with pytest.raises(AuthenticationFailed):
        auth.resolve_session(db, token, now=NOW)
    with pytest.raises(AuthenticationFailed):
        sign_in(world.cole.email, PASSWORD)


def test_users_list_and_end_their_own_sessions(db: Session, world: World) -> None:
    first = auth.start_session(db, world.cole, now=NOW, user_agent="phone")
    auth.start_session(db, world.cole, now=NOW, user_agent="laptop")
    me = actor(db, world.cole)
    listed = auth.list_sessions(db, me, now=NOW, current_token=first)
    assert {s.user_agent for s in listed} == {"phone", "laptop"}
    assert [s.current for s in listed].count(True) == 1
    laptop = next(s for s in listed if s.user_agent == "laptop")
    auth.end_own_session(db, me, laptop.id, now=NOW)
    assert [s.user_agent for s in auth.list_sessions(db, me, now=NOW)] == ["phone"]
