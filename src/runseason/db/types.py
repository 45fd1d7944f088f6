"""Column types shared by every model."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Integer
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
BigId = BigInteger().with_variant(Integer(), "sqlite")

# JSONB on PostgreSQL (indexable, compact); JSON text on SQLite.
JSONType = JSON().with_variant(postgresql.JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always UTC-aware in Python, whatever the database stores.

    Reading is left to a type per database that hands back UTC-aware values itself, so each
    value read takes one conversion function, not the two calls around it of a
    ``process_result_value``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(_SQLiteUTCText())  # type: ignore[no-untyped-call]
        return dialect.type_descriptor(_InUTC())

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:  # noqa: ARG002
        """Refuse naive datetimes; store UTC. (SQLite, which has no time zones, keeps the UTC
        fields as text: its bind formats the fields and drops the zone, so no naive copy is made.)
        """
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC-aware one is required")
        return value.astimezone(UTC)


class _InUTC(TypeDecorator[datetime]):
    """A zoned timestamp read in UTC (PostgreSQL). Sessions run in UTC, so this only converts a
    value when a session is set to another zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:  # noqa: ARG002
        if value is None or value.tzinfo is UTC:
            return value  # type: ignore[no-any-return]
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


class _SQLiteUTCText(sqlite.DATETIME):
    """SQLite's DATETIME read as UTC-aware in one step.

    SQLite keeps the naive UTC text that SQLAlchemy wrote; parsing it with its zone appended is one
    ``datetime.fromisoformat``, cheaper than parsing it naive and then calling ``replace``.
    """

    def result_processor(self, dialect: Dialect, coltype: object) -> Any:
        generic = super().result_processor(dialect, coltype)
        parse = datetime.fromisoformat

        def process(value: Any) -> datetime | None:
            if value is None:
                return None
            try:
                parsed: datetime = parse(value + "+00:00")
            except (TypeError, ValueError):  # not the text SQLAlchemy writes: the generic way
                parsed = generic(value) if generic else value  # type: ignore[assignment]
            if parsed.tzinfo is UTC:
                return parsed
            return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)

        return process


def utcnow() -> datetime:
    """The current UTC time; the database layer's only clock (for row bookkeeping)."""
    return datetime.now(UTC)
