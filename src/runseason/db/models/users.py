"""People who sign in, and the server-side credentials they hold."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from runseason.db.base import Base, BigId, IdMixin, TenantMixin, TimestampMixin, in_values
from runseason.db.types import utcnow

ROLES = ("admin", "coach", "athlete")


class User(IdMixin, TenantMixin, TimestampMixin, Base):
    """An admin, coach or athlete of one organization."""

    __tablename__ = "users"
    __audited__ = True
    __audit_redacted__ = frozenset({"password_hash"})
    __audit_ignored__ = frozenset(
        {"updated_at", "failed_login_count", "last_failed_login_at", "last_login_at"}
    )
    __table_args__ = (in_values("role", ROLES),)

    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(default=True)
    temporary_password_expires_at: Mapped[datetime | None]
    password_changed_at: Mapped[datetime | None]
    is_active: Mapped[bool] = mapped_column(default=True)
    failed_login_count: Mapped[int] = mapped_column(default=0)
    last_failed_login_at: Mapped[datetime | None]
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    # Every access token issued before this instant is void (password change, deactivation).
    tokens_not_before: Mapped[datetime] = mapped_column(default=utcnow)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    unit_preference: Mapped[str] = mapped_column(String(2), default="km")


class UserSession(IdMixin, Base):
    """A revocable web sign-in: only the hash of its opaque token is stored."""

    __tablename__ = "user_sessions"
    __table_args__ = (Index(None, "user_id", "revoked_at"),)

    user_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(String(40))
    user_agent: Mapped[str | None] = mapped_column(String(300))
    ip_address: Mapped[str | None] = mapped_column(String(64))


class RefreshToken(IdMixin, Base):
    """One link of a rotating refresh-token family; reuse of a used link revokes the family."""

    __tablename__ = "refresh_tokens"
    __table_args__ = (Index(None, "family_id"),)

    user_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    family_id: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    family_expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class ApiKey(IdMixin, TenantMixin, Base):
    """A personal API key for integrations: shown once, stored hashed, scoped and revocable."""

    __tablename__ = "api_keys"
    __audited__ = True
    __audit_redacted__ = frozenset({"key_hash"})
    __audit_ignored__ = frozenset({"last_used_at"})
    __table_args__ = (in_values("scope", ("read", "read_write")),)

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(String(16), default="read")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class IdempotencyRecord(IdMixin, Base):
    """The first response to a creating request, replayed when the same key comes again."""

    __tablename__ = "idempotency_records"
    __table_args__ = (Index(None, "user_id", "key", unique=True),)

    user_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(500))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int]
    response_body: Mapped[str]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
