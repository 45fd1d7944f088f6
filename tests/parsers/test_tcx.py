"""TCX activities to the intermediate form."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from runseason.errors import InvalidInput
from runseason.parsers import parse_activity
from runseason.parsers.tcx import parse_tcx
from tests.parsers.conftest import LIMIT, read


def test_tcx_activity_has_utc_times_and_heart_rate() -> None:
    activity = parse_activity("sup.tcx", read("sup_activity_1.tcx"), max_bytes=LIMIT)
    assert activity.start_time == datetime(2022, 7, 16, 16, 8, 25, tzinfo=UTC)
    assert activity.duration_s == pytest.approx(1112.0)
    assert activity.distance_m == pytest.approx(1157.51)
    assert activity.avg_hr == pytest.approx(88.126, abs=0.01)
    assert len(activity.streams) == 111


def test_a_tcx_in_an_unknown_encoding_is_refused_clearly() -> None:
    content = read("sup_activity_1.tcx").replace(b'encoding="UTF-8"', b'encoding="UTF-9"', 1)
    assert b"UTF-9" in content  # found by atheris
    with pytest.raises(InvalidInput, match="could not be read"):
        parse_tcx(content)
