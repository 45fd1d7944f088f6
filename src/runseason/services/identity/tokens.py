"""API credentials: short-lived JWT access tokens, rotating refresh tokens, personal API keys.

They build on the same users and revocation marks as the web sessions: a password change moves
``User.tokens_not_before`` so older access tokens stop working, and refresh-token reuse revokes
the whole family (a stolen token used twice gives itself away).
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

import jwt
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from runseason.config import get_settings
from runseason.db.models import ApiKey, RefreshToken, User
from runseason.errors import AuthenticationFailed, InvalidInput, NotFound
from runseason.services.identity.access import (
    USER_WITH_PROFILE,
    Actor,
    actor_for_user,
    actor_of,
    keep_signed_in_user,
    require_write,
)
from runseason.services.identity.auth import token_digest

ALGORITHM = "HS256"  # the only algorithm accepted: "none" and others are refused
ACCESS_TYPE = "access"
CLOCK_SKEW_S = 30
API_KEY_PREFIX = "rsk"


@dataclass(frozen=True, slots=True)
class TokenPair:
    """What a sign-in or a refresh returns."""

    access_token: str
    refresh_token: str
    expires_in: int
    must_change_password: bool
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret


def _secret() -> str:
    return get_settings().secret_key.get_secret_value()


def _access_token(user: User, now: datetime) -> tuple[str, int]:
    s = get_settings().security
    lifetime = s.access_token_minutes * 60
    claims = {
        "sub": str(user.id),
        "org": user.organization_id,
        "role": user.role,
        "aud": s.jwt_audience,
        "typ": ACCESS_TYPE,
        # Sub-second: a token issued just before a password change in the same second must die.
        "iat": round(now.timestamp(), 6),
        "nbf": int(now.timestamp()),
        "exp": int(now.timestamp()) + lifetime,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, _secret(), algorithm=ALGORITHM), lifetime


def _new_refresh(
    session: Session, user: User, family: str, family_expires: datetime, now: datetime
) -> str:
    token = secrets.token_urlsafe(32)
    days = get_settings().security.refresh_token_days
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family,
            token_hash=token_digest(token),
            issued_at=now,
            expires_at=min(now + timedelta(days=days), family_expires),
            family_expires_at=family_expires,
        )
    )
    session.flush()
    return token


def issue_tokens(session: Session, user: User, *, now: datetime) -> TokenPair:
    """A new access token and the first refresh token of a new family."""
    access, lifetime = _access_token(user, now)
    family_expires = now + timedelta(days=get_settings().security.refresh_token_days)
    refresh = _new_refresh(session, user, uuid.uuid4().hex, family_expires, now)
    return TokenPair(access, refresh, lifetime, user.must_change_password)


def rotate_refresh_token(session: Session, token: str, *, now: datetime) -> TokenPair:
    """Trade a refresh token for a new pair; a reused token revokes its whole family."""
    row = session.scalar(select(RefreshToken).where(RefreshToken.token_hash == token_digest(token)))
    if row is None:
        raise AuthenticationFailed("This refresh token is not valid; please sign in again.")
    if row.used_at is not None or row.revoked_at is not None:
        session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == row.family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        raise AuthenticationFailed(
            "This refresh token was already used; every session of this "
            "sign-in has been ended. Please sign in again.",
            keep_changes=True,
        )
    user = session.get(User, row.user_id)
    if (
        row.expires_at <= now
        or user is None
        or not user.is_active
        or row.issued_at < user.tokens_not_before
    ):
        raise AuthenticationFailed("Your sign-in has expired; please sign in again.")
    row.used_at = now
    access, lifetime = _access_token(user, now)
    refresh = _new_refresh(session, user, row.family_id, row.family_expires_at, now)
    return TokenPair(access, refresh, lifetime, user.must_change_password)


def revoke_refresh_family(session: Session, token: str, *, now: datetime) -> None:
    """Sign out of the API: end the refresh token's family (unknown tokens are ignored)."""
    row = session.scalar(select(RefreshToken).where(RefreshToken.token_hash == token_digest(token)))
    if row is not None:
        session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == row.family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )


def actor_from_access_token(session: Session, token: str, *, now: datetime) -> tuple[Actor, bool]:
    """The actor of a valid access token, and whether they must change their password first."""
    s = get_settings().security
    try:
        claims = jwt.decode(
            token,
            _secret(),
            algorithms=[ALGORITHM],
            audience=s.jwt_audience,
            # Time claims are checked below against the request's clock (tests move it).
            options={
                "verify_exp": False,
                "verify_nbf": False,
                "verify_iat": False,
                "require": ["exp", "iat", "nbf", "sub", "aud", "typ"],
            },
        )
    except jwt.PyJWTError:
        raise AuthenticationFailed("The access token is not valid.") from None
    if claims.get("typ") != ACCESS_TYPE:
        raise AuthenticationFailed("This is not an access token.")
    if int(claims["exp"]) <= now.timestamp():
        raise AuthenticationFailed("The access token has expired; refresh it.")
    if int(claims["nbf"]) > now.timestamp() + CLOCK_SKEW_S:
        raise AuthenticationFailed("The access token is not valid yet.")
    found = session.execute(USER_WITH_PROFILE, {"user_id": int(claims["sub"])}).first()
    user, athlete_id = found if found is not None else (None, None)
    if (
        user is None
        or not user.is_active
        or float(claims["iat"]) < round(user.tokens_not_before.timestamp(), 6)
    ):
        raise AuthenticationFailed("The access token is no longer valid; please sign in again.")
    keep_signed_in_user(session, user)
    return actor_of(user, athlete_id), user.must_change_password


@dataclass(frozen=True, slots=True)
class CreatedApiKey:
    """A new key: the secret is shown once."""

    id: int
    name: str
    scope: str
    key: str
    expires_at: datetime | None


@dataclass(frozen=True, slots=True)
class ApiKeyInfo:
    """A key as listed (never its secret)."""

    id: int
    name: str
    prefix: str
    scope: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


def create_api_key(
    session: Session,
    actor: Actor,
    name: str,
    scope: Literal["read", "read_write"],
    *,
    now: datetime,
    expires_days: int | None = None,
) -> CreatedApiKey:
    """A personal API key for scripts; read-only keys cannot change anything."""
    require_write(actor)
    if not 1 <= len(name.strip()) <= 100:
        raise InvalidInput("Give the key a name of 1 to 100 characters.")
    prefix = secrets.token_hex(4)
    key = f"{API_KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    expires = now + timedelta(days=expires_days) if expires_days else None
    row = ApiKey(
        organization_id=actor.organization_id,
        user_id=actor.user_id,
        name=name.strip(),
        prefix=prefix,
        key_hash=token_digest(key),
        scope=scope,
        created_at=now,
        expires_at=expires,
    )
    session.add(row)
    session.flush()
    return CreatedApiKey(row.id, row.name, row.scope, key, expires)


def actor_from_api_key(session: Session, key: str, *, now: datetime) -> Actor:
    """The actor of a live API key (with the key's scope)."""
    row = session.scalar(select(ApiKey).where(ApiKey.key_hash == token_digest(key)))
    if (
        row is None
        or row.revoked_at is not None
        or (row.expires_at is not None and row.expires_at <= now)
    ):
        raise AuthenticationFailed("The API key is not valid.")
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        raise AuthenticationFailed("The API key is not valid.")
    if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=1):
        row.last_used_at = now
    scope: Literal["read", "read_write"] = "read" if row.scope == "read" else "read_write"
    return actor_for_user(session, user, scope=scope)


def list_api_keys(session: Session, actor: Actor) -> list[ApiKeyInfo]:
    """The actor's own keys."""
    rows = session.scalars(
        select(ApiKey).where(ApiKey.user_id == actor.user_id).order_by(ApiKey.id)
    )
    return [
        ApiKeyInfo(
            r.id,
            r.name,
            r.prefix,
            r.scope,
            r.created_at,
            r.last_used_at,
            r.expires_at,
            r.revoked_at,
        )
        for r in rows
    ]


def revoke_api_key(session: Session, actor: Actor, key_id: int, *, now: datetime) -> None:
    """Switch one of the actor's own keys off (not with a read-only key)."""
    require_write(actor)
    row = session.get(ApiKey, key_id)
    if row is None or row.user_id != actor.user_id:
        raise NotFound("API key not found")
    row.revoked_at = now
    session.flush()
