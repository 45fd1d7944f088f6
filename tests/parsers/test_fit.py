"""FIT files: Garmin records to the intermediate form; damage is a clear error."""

from __future__ import annotations

import contextlib
import csv
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runseason.errors import InvalidInput
from runseason.parsers import parse_activity
from tests.parsers.conftest import FIXTURES, LIMIT, read


def test_fenix_5_run_matches_its_record_dump() -> None:
    activity = parse_activity("run.fit", read("garmin-fenix-5-run.fit"), max_bytes=LIMIT)
    text = (FIXTURES / "garmin-fenix-5-run-records.csv").read_text()
    rows = list(csv.DictReader(text.splitlines()))
    assert activity.sport == "running"
    assert activity.start_time == datetime(2017, 6, 11, 14, 34, 9, tzinfo=UTC)  # 07:34:09 PDT
    assert len(activity.samples) == len(rows)
    assert activity.distance_m == pytest.approx(float(rows[-1]["distance"]))
    assert activity.duration_s == pytest.approx(56.887)
    for sample, row in zip(activity.samples, rows, strict=True):
        assert sample.hr == int(row["heart_rate"])
        assert sample.distance_m == pytest.approx(float(row["distance"]))
        assert sample.lat == pytest.approx(int(row["position_lat"]) * 180 / 2**31)
    assert activity.samples[-1].t_s == pytest.approx(57)


def test_fenix_2_run_summary() -> None:
    activity = parse_activity("a.fit", read("activity-small-fenix2-run.fit"), max_bytes=LIMIT)
    assert activity.distance_m == pytest.approx(9008.22)
    assert activity.duration_s == pytest.approx(2832.0)
    assert activity.laps == 4
    assert len(activity.samples) == 2809
    assert activity.is_run


def test_a_bike_ride_keeps_its_sport() -> None:
    activity = parse_activity("ride.fit", read("sample-activity.fit"), max_bytes=LIMIT)
    assert activity.sport == "cycling"
    assert not activity.is_run
    assert activity.avg_hr == 166


def _truncations() -> list[tuple[str, int]]:
    return [(name, cut) for name in ("garmin-fenix-5-run.fit",) for cut in (13, 100, 2000, -3)]


@pytest.mark.parametrize(("name", "cut"), _truncations())
def test_truncated_fit_files_are_clear_errors(name: str, cut: int) -> None:
    with pytest.raises(InvalidInput):
        parse_activity(name, read(name)[:cut], max_bytes=LIMIT)


@settings(max_examples=100)
@given(st.integers(min_value=14, max_value=4000), st.integers(min_value=0, max_value=255))
def test_corrupted_fit_bytes_never_crash(position: int, value: int) -> None:
    data = bytearray(read("garmin-fenix-5-run.fit"))
    data[position % len(data)] = value
    with contextlib.suppress(InvalidInput):
        parse_activity("x.fit", bytes(data), max_bytes=LIMIT)
