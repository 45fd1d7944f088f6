"""GPX tracks to the intermediate form."""

from __future__ import annotations

import pytest

from runseason.parsers import parse_activity
from tests.parsers.conftest import LIMIT, read


def test_gpx_track_with_times_and_elevation() -> None:
    activity = parse_activity("lake.gpx", read("cerknicko-jezero.gpx"), max_bytes=LIMIT)
    assert activity.source_format == "gpx"
    assert activity.distance_m == pytest.approx(4692.42, rel=0.01)
    assert activity.start_time.tzinfo is not None
    assert activity.elevation_gain_m is not None


def test_gpx_with_an_empty_segment_still_reads() -> None:
    activity = parse_activity("t.gpx", read("track-with-empty-segment.gpx"), max_bytes=LIMIT)
    assert activity.distance_m == pytest.approx(85.95, rel=0.02)
