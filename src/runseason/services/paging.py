"""One rule for every paginated list: pages start at 1, at most 200 items a page, a total, and
an optional date range (``from``/``to``, inclusive, in the athlete's time zone)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime, Select, func, select
from sqlalchemy.orm import Session

from runseason.db.types import UTCDateTime
from runseason.errors import InvalidInput
from runseason.schemas.common import Page

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ListWindow:
    """Which page of a list, and which days of it (both ends included)."""

    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    from_date: date | None = None
    to_date: date | None = None


EVERYTHING = ListWindow(page_size=MAX_PAGE_SIZE)


def page_offset(page: int, page_size: int) -> int:
    """The row offset of ``page``; ``InvalidInput`` outside the bounds."""
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidInput(f"page starts at 1 and page_size is between 1 and {MAX_PAGE_SIZE}")
    return (page - 1) * page_size


def within_dates(
    query: Select[Any], column: Any, window: ListWindow, zone: str | None = None
) -> Select[Any]:
    """``query`` restricted to the window's days; a timestamp column is cut at local midnights."""
    first, last = window.from_date, window.to_date
    if first is not None and last is not None and first > last:
        raise InvalidInput(f"from ({first}) must be on or before to ({last})")
    if isinstance(column.type, UTCDateTime | DateTime):  # a timestamp: the athlete's days
        where = ZoneInfo(zone or "UTC")
        if first is not None:
            query = query.where(column >= datetime.combine(first, time.min, where))
        if last is not None:
            query = query.where(
                column < datetime.combine(last + timedelta(days=1), time.min, where)
            )
        return query
    if first is not None:
        query = query.where(column >= first)
    if last is not None:
        query = query.where(column <= last)
    return query


def read_page(
    session: Session,
    query: Select[Any],
    read: Callable[[Any], T],
    window: ListWindow,
    *,
    dated_by: Any,
    zone: str | None = None,
) -> Page[T]:
    """One page of ``query`` (already ordered) within the window's dates, with the total."""
    offset = page_offset(window.page, window.page_size)
    query = within_dates(query, dated_by, window, zone)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = session.scalars(query.offset(offset).limit(window.page_size))
    return Page[T](
        items=[read(r) for r in rows],
        page=window.page,
        page_size=window.page_size,
        total=total or 0,
    )
