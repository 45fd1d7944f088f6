"""API tokens: access and refresh with rotation, and personal API keys."""

from __future__ import annotations

import gc
from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from runseason.errors import AuthenticationFailed, PermissionDenied
from runseason.services.identity import tokens, users
from tests.factories import NOW, World, actor


def test_an_access_token_names_its_user(db: Session, world: World) -> None:
    pair = tokens.issue_tokens(db, world.cole, now=NOW)
    found, must_change = tokens.actor_from_access_token(db, pair.access_token, now=NOW)
    assert found.user_id == world.cole.id
    assert not must_change
    with pytest.raises(AuthenticationFailed):
        tokens.actor_from_access_token(db, pair.access_token, now=NOW + timedelta(days=1))


def test_a_refresh_token_is_used_once_and_its_reuse_ends_the_family(
    db: Session, world: World
) -> None:
    first = tokens.issue_tokens(db, world.cole, now=NOW)
    second = tokens.rotate_refresh_token(db, first.refresh_token, now=NOW)
    with pytest.raises(AuthenticationFailed, match="already used"):
        tokens.rotate_refresh_token(db, first.refresh_token, now=NOW)
    with pytest.raises(AuthenticationFailed):
        tokens.rotate_refresh_token(db, second.refresh_token, now=NOW)


def test_a_read_only_api_key_signs_in_but_cannot_write_and_can_be_revoked(
    db: Session, world: World
) -> None:
    coach = actor(db, world.cole)
    created = tokens.create_api_key(db, coach, "script", "read", now=NOW)
    keyed = tokens.actor_from_api_key(db, created.key, now=NOW)
    assert keyed.user_id == world.cole.id
    with pytest.raises(PermissionDenied):
        tokens.create_api_key(db, keyed, "another", "read", now=NOW)
    assert [k.name for k in tokens.list_api_keys(db, coach)] == ["script"]
    tokens.revoke_api_key(db, coach, created.id, now=NOW)
    with pytest.raises(AuthenticationFailed):
        tokens.actor_from_api_key(db, created.key, now=NOW)


def test_the_signed_in_user_stays_loaded_for_the_request(db: Session, world: World) -> None:
    """``GET /me`` reads the user sign-in loaded: one statement, not two."""
    pair = tokens.issue_tokens(db, world.cole, now=NOW)
    created = tokens.create_api_key(db, actor(db, world.cole), "script", "read", now=NOW)
    db.commit()
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    for sign_in in (
        lambda: tokens.actor_from_access_token(db, pair.access_token, now=NOW)[0],
        lambda: tokens.actor_from_api_key(db, created.key, now=NOW),
    ):
        db.expunge_all()
        found = sign_in()
        gc.collect()  # the identity map's references are weak
        statements.clear()
        event.listen(db.get_bind(), "before_cursor_execute", record)
        try:
            assert users.get_me(db, found).email == world.cole.email
        finally:
            event.remove(db.get_bind(), "before_cursor_execute", record)
        assert statements == []
