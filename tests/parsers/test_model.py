"""The intermediate form: an activity's fingerprint."""

from __future__ import annotations

from runseason.parsers import fingerprint, parse_activity
from tests.parsers.conftest import LIMIT, read


def test_fingerprint_is_stable_and_distinguishes_activities() -> None:
    a = parse_activity("a.fit", read("garmin-fenix-5-run.fit"), max_bytes=LIMIT)
    again = parse_activity("b.fit", read("garmin-fenix-5-run.fit"), max_bytes=LIMIT)
    other = parse_activity("c.fit", read("activity-small-fenix2-run.fit"), max_bytes=LIMIT)
    assert fingerprint(a) == fingerprint(again)
    assert fingerprint(a) != fingerprint(other)
