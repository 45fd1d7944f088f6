"""Shapes shared by every feature: strict inputs, readable outputs, pages of results."""

from __future__ import annotations

from typing import Generic, TypeVar
from zoneinfo import available_timezones

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class Input(BaseModel):
    """Base of every input model: unknown fields are refused, strings trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Output(BaseModel):
    """Base of every output model: built from ORM rows or dataclasses by attribute."""

    model_config = ConfigDict(from_attributes=True)


class Page(Output, Generic[T]):
    """One page of a long list."""

    items: list[T]
    page: int
    page_size: int
    total: int


def check_timezone(value: str) -> str:
    """An IANA time zone name such as Europe/Oslo."""
    if value not in _zones():
        raise ValueError(f"'{value}' is not a known time zone (use a name like Europe/Oslo)")
    return value


_ZONES: frozenset[str] = frozenset()


def _zones() -> frozenset[str]:
    global _ZONES
    if not _ZONES:
        _ZONES = frozenset(available_timezones())
    return _ZONES
