"""One rule for every paginated list: pages start at 1, at most 200 items a page."""

from __future__ import annotations

from runseason.errors import InvalidInput

MAX_PAGE_SIZE = 200


def page_offset(page: int, page_size: int) -> int:
    """The row offset of ``page``; ``InvalidInput`` outside the bounds."""
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidInput(f"page starts at 1 and page_size is between 1 and {MAX_PAGE_SIZE}")
    return (page - 1) * page_size
