"""Sign-in, lockout and server-side sessions (SECURITY.md explains every number).

Failed sign-ins raise errors with ``keep_changes=True`` so the transaction boundary keeps the
failure count while refusing; the same message answers an unknown email and a wrong password.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import structlog
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from runseason import telemetry
from runseason.config import get_settings
from runseason.db.models import ApiKey, User, UserSession
from runseason.errors import AccountLocked, AuthenticationFailed, InvalidInput, NotFound
from runseason.services.identity import passwords, ratelimit
from runseason.services.identity.access import Actor, actor_for_user, require_write
from runseason.services.identity.devices import device_name

log = structlog.get_logger("runseason.auth")
WRONG_CREDENTIALS = "Email or password is incorrect."
SESSION_TOUCH_INTERVAL = timedelta(seconds=60)


def token_digest(token: str) -> str:
    """The SHA-256 of an opaque token: the only form in which tokens are stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def normalize_email(email: str) -> str:
    """Emails compare case-insensitively and without surrounding spaces."""
    return email.strip().lower()


def _lock_message(until: datetime, now: datetime) -> str:
    minutes = max(1, round((until - now).total_seconds() / 60))
    return (
        "This account is locked after too many failed sign-ins. "
        f"Try again in {minutes} minute{'s' if minutes != 1 else ''}, or ask your coach or "
        "administrator to reset your password."
    )


def authenticate(session: Session, email: str, password: str, *, ip: str, now: datetime) -> User:
    """The user whose credentials these are, or a refusal that does not reveal the account."""
    security = get_settings().security
    ratelimit.enforce(
        f"signin:ip:{ip}",
        security.login_attempts_per_ip,
        "Too many sign-in attempts from your address; wait a minute and try again.",
    )
    address = normalize_email(email)
    user = session.scalar(select(User).where(User.email == address))
    if user is None or not user.is_active:
        passwords.dummy_verify(password)
        _refuse_unknown(address, now)
    assert user is not None
    if user.locked_until is not None and user.locked_until > now:
        log.warning("signin.locked", user_id=user.id, ip=ip)
        raise AccountLocked(_lock_message(user.locked_until, now), detail=user.locked_until)
    hourly = f"{security.account_failures_per_hour}/hour"
    if not ratelimit.limiter().test(f"signin:account:{user.id}", hourly):
        raise AccountLocked(
            "This account has had too many failed sign-ins this hour; try again later.",
            detail=now + timedelta(hours=1),
        )
    ok, new_hash = passwords.verify_password(password, user.password_hash)
    if not ok:
        _record_failure(session, user, ip, now)
    _check_temporary_password(user, now)
    if new_hash is not None:
        user.password_hash = new_hash
    user.failed_login_count = 0
    user.locked_until = None
    user.last_login_at = now
    session.flush()
    log.info("signin.success", user_id=user.id, ip=ip)
    return user


def _refuse_unknown(address: str, now: datetime) -> None:
    # Unknown accounts lock exactly like known ones, so the lock does not reveal existence.
    security = get_settings().security
    rate = f"{security.lockout_threshold}/{security.lockout_minutes} minutes"
    log.warning("signin.failed", reason="unknown_or_inactive")
    telemetry.SIGNIN_FAILURES.inc()
    if not ratelimit.hit(f"signin:unknown:{token_digest(address)}", rate):
        until = now + timedelta(minutes=security.lockout_minutes)
        raise AccountLocked(_lock_message(until, now), detail=until)
    raise AuthenticationFailed(WRONG_CREDENTIALS)


def _record_failure(session: Session, user: User, ip: str, now: datetime) -> None:
    security = get_settings().security
    ratelimit.hit(f"signin:account:{user.id}", f"{security.account_failures_per_hour}/hour")
    telemetry.SIGNIN_FAILURES.inc()
    # One atomic increment: simultaneous wrong passwords each count (a read-modify-write lost them).
    failures = session.execute(
        update(User)
        .where(User.id == user.id)
        .values(failed_login_count=User.failed_login_count + 1, last_failed_login_at=now)
        .returning(User.failed_login_count),
        execution_options={"synchronize_session": False},
    ).scalar_one()
    if failures >= security.lockout_threshold:
        until = now + timedelta(minutes=security.lockout_minutes)
        session.execute(
            update(User).where(User.id == user.id).values(locked_until=until, failed_login_count=0),
            execution_options={"synchronize_session": False},
        )
        session.expire(user)
        log.warning("signin.lockout", user_id=user.id, ip=ip)
        raise AccountLocked(_lock_message(until, now), detail=until, keep_changes=True)
    session.expire(user)
    log.warning("signin.failed", user_id=user.id, ip=ip, failures=failures)
    raise AuthenticationFailed(WRONG_CREDENTIALS, keep_changes=True)


def _check_temporary_password(user: User, now: datetime) -> None:
    expires = user.temporary_password_expires_at
    if user.must_change_password and expires is not None and expires <= now:
        raise AuthenticationFailed(
            "Your temporary password has expired; ask your coach or administrator for a new one."
        )


def start_session(
    session: Session,
    user: User,
    *,
    now: datetime,
    user_agent: str | None = None,
    ip: str | None = None,
) -> str:
    """Open a server-side session and return its opaque token (only the hash is stored)."""
    token = secrets.token_urlsafe(32)
    hours = get_settings().security.session_absolute_hours
    session.add(
        UserSession(
            user_id=user.id,
            token_hash=token_digest(token),
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=hours),
            user_agent=(user_agent or "")[:300] or None,
            ip_address=ip,
        )
    )
    session.flush()
    return token


def _live_session(session: Session, token: str, now: datetime) -> tuple[UserSession, User]:
    row = session.execute(
        select(UserSession, User)
        .join(User, User.id == UserSession.user_id)
        .where(UserSession.token_hash == token_digest(token))
    ).first()
    if row is None:
        raise AuthenticationFailed("Please sign in.")
    user_session, user = row
    idle = timedelta(minutes=get_settings().security.session_idle_minutes)
    if (
        user_session.revoked_at is not None
        or user_session.expires_at <= now
        or user_session.last_seen_at + idle <= now
        or not user.is_active
    ):
        raise AuthenticationFailed("Your session has ended; please sign in again.")
    return user_session, user


def resolve_session(session: Session, token: str, *, now: datetime) -> Actor:
    """The actor of a live session (idle and absolute lifetimes enforced); touches it."""
    user_session, user = _live_session(session, token, now)
    if now - user_session.last_seen_at >= SESSION_TOUCH_INTERVAL:
        user_session.last_seen_at = now
    return actor_for_user(session, user)


def end_session(session: Session, token: str, *, now: datetime) -> None:
    """Sign out: revoke the session of this token (unknown tokens are ignored)."""
    session.execute(
        update(UserSession)
        .where(UserSession.token_hash == token_digest(token), UserSession.revoked_at.is_(None))
        .values(revoked_at=now, revoked_reason="signed_out")
    )


def end_user_sessions(
    session: Session, user_id: int, *, now: datetime, reason: str, keep_token: str | None = None
) -> int:
    """Revoke every live session of a user (but the one kept); returns how many ended."""
    query = update(UserSession).where(
        UserSession.user_id == user_id, UserSession.revoked_at.is_(None)
    )
    if keep_token:
        query = query.where(UserSession.token_hash != token_digest(keep_token))
    result = session.execute(query.values(revoked_at=now, revoked_reason=reason))
    return int(getattr(result, "rowcount", 0) or 0)


def password_change_required(session: Session, actor: Actor) -> bool:
    """Whether the user still signs in with a temporary password."""
    user = session.get(User, actor.user_id)
    return bool(user and user.must_change_password)


def change_password(
    session: Session,
    actor: Actor,
    current_password: str,
    new_password: str,
    *,
    now: datetime,
    keep_session_token: str | None = None,
) -> None:
    """Set a new password (the current one is needed); ends the user's other sessions."""
    require_write(actor)
    user = session.get(User, actor.user_id)
    if user is None:
        raise AuthenticationFailed("Please sign in.")
    ok, _ = passwords.verify_password(current_password, user.password_hash)
    if not ok:
        raise InvalidInput("The current password is not correct.")
    if current_password == new_password:
        raise InvalidInput("Choose a new password different from the current one.")
    passwords.check_password_policy(new_password, email=user.email)
    set_password(session, user, new_password, now=now, temporary=False)
    end_user_sessions(
        session, user.id, now=now, reason="password_changed", keep_token=keep_session_token
    )
    log.info("password.changed", user_id=user.id)


def set_password(
    session: Session, user: User, password: str, *, now: datetime, temporary: bool
) -> None:
    """Store a new hash; temporary passwords expire and force a change at first sign-in."""
    hours = get_settings().security.temp_password_hours
    user.password_hash = passwords.hash_password(password)
    user.must_change_password = temporary
    user.temporary_password_expires_at = now + timedelta(hours=hours) if temporary else None
    user.password_changed_at = now
    user.failed_login_count = 0
    user.locked_until = None
    user.tokens_not_before = now  # access tokens issued before this moment stop working
    session.flush()
    # API keys are credentials too: a new password (changed or reset) ends them all.
    session.execute(
        update(ApiKey)
        .where(ApiKey.user_id == user.id, ApiKey.revoked_at.is_(None))
        .values(revoked_at=now)
    )


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """One of the user's own live sessions, as listed on the profile page."""

    id: int
    created_at: datetime
    last_seen_at: datetime
    user_agent: str | None
    ip_address: str | None
    current: bool
    device: str = "an unknown device"  # the browser and system in words


def list_sessions(
    session: Session, actor: Actor, *, now: datetime, current_token: str | None = None
) -> list[SessionInfo]:
    """The actor's own live sessions, newest first."""
    idle = timedelta(minutes=get_settings().security.session_idle_minutes)
    rows = session.scalars(
        select(UserSession)
        .where(
            UserSession.user_id == actor.user_id,
            UserSession.revoked_at.is_(None),
            UserSession.expires_at > now,
            UserSession.last_seen_at > now - idle,
        )
        .order_by(UserSession.created_at.desc())
    ).all()
    digest = token_digest(current_token) if current_token else None
    return [
        SessionInfo(
            r.id,
            r.created_at,
            r.last_seen_at,
            r.user_agent,
            r.ip_address,
            r.token_hash == digest,
            device_name(r.user_agent),
        )
        for r in rows
    ]


def end_own_session(session: Session, actor: Actor, session_id: int, *, now: datetime) -> None:
    """End one of the actor's own sessions (another user's id is simply not found)."""
    result = session.execute(
        update(UserSession)
        .where(UserSession.id == session_id, UserSession.user_id == actor.user_id)
        .values(revoked_at=now, revoked_reason="ended_by_user")
    )
    if not getattr(result, "rowcount", 0):
        raise NotFound("session not found")


def end_other_sessions(
    session: Session, actor: Actor, *, now: datetime, current_token: str | None
) -> int:
    """Sign the actor out everywhere but this browser; how many sessions ended."""
    return end_user_sessions(
        session, actor.user_id, now=now, reason="ended_by_user", keep_token=current_token
    )
