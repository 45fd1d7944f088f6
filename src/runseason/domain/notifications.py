"""When a daily email is due: a wall-clock time in the person's own time zone, once a day.

A send is due from its local time until the local day ends, so a worker that was down at the
time catches up when it comes back, on the same day only (yesterday's digest is stale news). The
comparison is on the wall clock: on the night clocks go forward a time that does not exist that
day (02:30 in Berlin on the last Sunday of March) is due from the first minute after the jump,
and on the night they go back a time that happens twice is due at its first occurrence (the
once-a-day claim keeps the second from sending again).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

DIGEST_AT = time(6, 0)  # the coach's morning digest, local time
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def due_day(
    now: datetime, timezone: str, at: time, quiet_days: Collection[int] = ()
) -> date | None:
    """The local date whose send is due at ``now`` (aware), or None before ``at`` or on a quiet
    weekday (0 = Monday)."""
    local = now.astimezone(ZoneInfo(timezone))
    if local.weekday() in quiet_days:
        return None
    return local.date() if local.time().replace(tzinfo=None) >= at else None
