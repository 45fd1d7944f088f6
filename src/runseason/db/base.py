"""Declarative base, naming convention and the mixins every table shares."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import CheckConstraint, ForeignKey, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from runseason.db.types import BigId, JSONType, UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every model: a constraint naming convention and typed column defaults."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSONType,
        list[Any]: JSONType,
    }
    # Audited tables write an audit row for every insert, update and delete (db/audit.py).
    __audited__: ClassVar[bool] = False
    # Columns whose values never enter the audit trail (only the fact that they changed).
    __audit_redacted__: ClassVar[frozenset[str]] = frozenset()
    # Columns whose changes alone do not deserve an audit row (bookkeeping).
    __audit_ignored__: ClassVar[frozenset[str]] = frozenset({"updated_at"})


class IdMixin:
    """A surrogate integer primary key."""

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)


class TimestampMixin:
    """Creation and last-update times, UTC."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class TenantMixin:
    """The tenant column every table of athlete or organization data carries."""

    @declared_attr
    def organization_id(cls) -> Mapped[int]:  # noqa: N805 (declared_attr receives the class)
        return mapped_column(BigId, ForeignKey("organizations.id", ondelete="CASCADE"), index=True)


def in_values(column: str, values: tuple[str, ...], name: str | None = None) -> CheckConstraint:
    """A named CHECK that ``column`` is one of ``values`` (portable enums without native types)."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({quoted})", name=name or f"{column}_valid")


def between(column: str, low: float, high: float, *, nullable: bool = True) -> CheckConstraint:
    """A named CHECK that ``column`` lies within ``[low, high]``."""
    rule = f"{column} >= {low} AND {column} <= {high}"
    if nullable:
        rule = f"{column} IS NULL OR ({rule})"
    return CheckConstraint(rule, name=f"{column}_range")


def non_negative(column: str) -> CheckConstraint:
    """A named CHECK that ``column`` is null or at least zero."""
    return CheckConstraint(f"{column} IS NULL OR {column} >= 0", name=f"{column}_non_negative")


__all__ = [
    "Base",
    "BigId",
    "IdMixin",
    "JSONType",
    "TenantMixin",
    "TimestampMixin",
    "UTCDateTime",
    "between",
    "in_values",
    "non_negative",
]
