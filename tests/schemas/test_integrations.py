"""The calendar feed's shapes at the boundary."""

from __future__ import annotations

from datetime import UTC, datetime

from runseason.schemas.integrations import CalendarFeedCreated, CalendarFeedRead


def test_an_inactive_feed_has_no_date_and_a_new_one_carries_its_path() -> None:
    assert CalendarFeedRead(active=False).created_at is None
    made = CalendarFeedCreated(path="/api/v1/calendar/abc.ics", created_at=datetime.now(UTC))
    assert made.url is None
