"""One rule for every paginated list."""

from __future__ import annotations

import pytest

from runseason.errors import InvalidInput
from runseason.services.paging import MAX_PAGE_SIZE, page_offset


@pytest.mark.parametrize(("page", "size", "offset"), [(1, 50, 0), (3, 25, 50), (2, 200, 200)])
def test_the_offset_of_a_page(page: int, size: int, offset: int) -> None:
    assert page_offset(page, size) == offset


@pytest.mark.parametrize(("page", "size"), [(0, 10), (1, 0), (1, MAX_PAGE_SIZE + 1)])
def test_pages_outside_the_bounds_are_refused(page: int, size: int) -> None:
    with pytest.raises(InvalidInput, match="page_size is between 1 and 200"):
        page_offset(page, size)
