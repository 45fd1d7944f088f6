"""One rule for every paginated list."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from runseason.errors import InvalidInput
from runseason.schemas.cases import NoteCreate
from runseason.services import cases
from runseason.services.paging import MAX_PAGE_SIZE, ListWindow, page_offset
from tests.factories import World, actor


@pytest.mark.parametrize(("page", "size", "offset"), [(1, 50, 0), (3, 25, 50), (2, 200, 200)])
def test_the_offset_of_a_page(page: int, size: int, offset: int) -> None:
    assert page_offset(page, size) == offset


@pytest.mark.parametrize(("page", "size"), [(0, 10), (1, 0), (1, MAX_PAGE_SIZE + 1)])
def test_pages_outside_the_bounds_are_refused(page: int, size: int) -> None:
    with pytest.raises(InvalidInput, match="page_size is between 1 and 200"):
        page_offset(page, size)


def test_a_list_comes_a_page_at_a_time_with_its_total_and_days_in_the_athletes_zone(
    db: Session, world: World
) -> None:
    coach = actor(db, world.cole)
    # Greta lives in Oslo: 23:30 UTC on the 20th is already the 21st there.
    moments = [datetime(2026, 11, day, 23, 30, tzinfo=UTC) for day in (18, 19, 20, 21)]
    for number, moment in enumerate(moments):
        cases.add_note(db, coach, world.greta.id, NoteCreate(body=f"note {number}"), now=moment)
    first = cases.list_notes(db, coach, world.greta.id, ListWindow(page=1, page_size=3))
    assert (first.total, first.page, first.page_size) == (4, 1, 3)
    assert [n.body for n in first.items] == ["note 3", "note 2", "note 1"]
    second = cases.list_notes(db, coach, world.greta.id, ListWindow(page=2, page_size=3))
    assert [n.body for n in second.items] == ["note 0"]
    local_21st = ListWindow(from_date=date(2026, 11, 21), to_date=date(2026, 11, 21))
    only = cases.list_notes(db, coach, world.greta.id, local_21st)
    assert ([n.body for n in only.items], only.total) == (["note 2"], 1)
    since = cases.list_notes(db, coach, world.greta.id, ListWindow(from_date=date(2026, 11, 21)))
    assert since.total == 2


def test_a_date_range_that_ends_before_it_starts_is_refused_by_name(
    db: Session, world: World
) -> None:
    backwards = ListWindow(from_date=date(2026, 11, 21), to_date=date(2026, 11, 1))
    with pytest.raises(InvalidInput, match=r"from \(2026-11-21\) must be on or before to"):
        cases.list_health_cases(db, actor(db, world.cole), world.greta.id, backwards)
