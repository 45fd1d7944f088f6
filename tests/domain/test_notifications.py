"""When a daily email is due, across time zones and daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from runseason.domain.notifications import DIGEST_AT, due_day


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "timezone", "at", "expected"),
    [
        # Berlin in winter is UTC+1: 06:00 there is 05:00 UTC.
        (utc(2026, 3, 28, 4, 59), "Europe/Berlin", DIGEST_AT, None),
        (utc(2026, 3, 28, 5, 0), "Europe/Berlin", DIGEST_AT, date(2026, 3, 28)),
        # Sunday 29 March 2026 clocks go forward: 06:00 is 04:00 UTC.
        (utc(2026, 3, 29, 3, 59), "Europe/Berlin", DIGEST_AT, None),
        (utc(2026, 3, 29, 4, 0), "Europe/Berlin", DIGEST_AT, date(2026, 3, 29)),
        # 02:30 does not exist that night: due from 03:00 (01:00 UTC), the first minute after.
        (utc(2026, 3, 29, 0, 59), "Europe/Berlin", time(2, 30), None),
        (utc(2026, 3, 29, 1, 0), "Europe/Berlin", time(2, 30), date(2026, 3, 29)),
        # Sunday 25 October 2026 clocks go back: 06:00 is 05:00 UTC again.
        (utc(2026, 10, 25, 4, 59), "Europe/Berlin", DIGEST_AT, None),
        (utc(2026, 10, 25, 5, 0), "Europe/Berlin", DIGEST_AT, date(2026, 10, 25)),
        # 02:30 happens twice: due at its first occurrence (00:30 UTC).
        (utc(2026, 10, 25, 0, 29), "Europe/Berlin", time(2, 30), None),
        (utc(2026, 10, 25, 0, 30), "Europe/Berlin", time(2, 30), date(2026, 10, 25)),
        # New York: 06:00 EST is 11:00 UTC; on 8 March 2026 (EDT) it is 10:00 UTC.
        (utc(2026, 3, 7, 10, 59), "America/New_York", DIGEST_AT, None),
        (utc(2026, 3, 7, 11, 0), "America/New_York", DIGEST_AT, date(2026, 3, 7)),
        (utc(2026, 3, 8, 10, 0), "America/New_York", DIGEST_AT, date(2026, 3, 8)),
        # 03:00 UTC is still the evening before in New York: no digest for the UTC date.
        (utc(2026, 3, 9, 3, 0), "America/New_York", DIGEST_AT, date(2026, 3, 8)),
        # Catching up: late in the local day it is still due, the next day is a new day.
        (utc(2026, 3, 28, 22, 59), "Europe/Berlin", DIGEST_AT, date(2026, 3, 28)),
        (utc(2026, 3, 28, 23, 30), "Europe/Berlin", DIGEST_AT, None),
        # Tokyo is ahead: 06:00 on the 29th there is 21:00 UTC on the 28th.
        (utc(2026, 3, 28, 21, 0), "Asia/Tokyo", DIGEST_AT, date(2026, 3, 29)),
    ],
)
def test_due_day_follows_the_local_wall_clock(
    now: datetime, timezone: str, at: time, expected: date | None
) -> None:
    assert due_day(now, timezone, at) == expected


def test_nothing_is_due_on_a_quiet_day() -> None:
    sunday = utc(2026, 3, 29, 12, 0)
    assert due_day(sunday, "Europe/Berlin", DIGEST_AT, quiet_days={6}) is None
    assert due_day(sunday, "Europe/Berlin", DIGEST_AT, quiet_days={5}) == date(2026, 3, 29)
