"""FIT files: Garmin records to the intermediate form; damage is a clear error."""

from __future__ import annotations

import contextlib
import csv
import io
from datetime import UTC, datetime

import fitdecode
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runseason.errors import InvalidInput
from runseason.parsers import ParsedActivity, parse_activity
from tests.parsers.conftest import FIXTURES, LIMIT, read

# Each CSV column, the channel that holds it and how the CSV writes it.
CSV_CHANNELS = {
    "heart_rate": ("hr_bpm", 1.0),
    "cadence": ("cadence_rpm", 1.0),
    "speed": ("speed_m_s", 1.0),
    "distance": ("distance_m", 1.0),
    "position_lat": ("lat_deg", 180 / 2**31),
    "position_long": ("lon_deg", 180 / 2**31),
    "altitude": ("altitude_m", 1.0),
}


def _matches_record_dump(name: str) -> ParsedActivity:
    activity = parse_activity(name, read(name), max_bytes=LIMIT)
    text = (FIXTURES / name.replace(".fit", "-records.csv")).read_text()
    rows = list(csv.DictReader(text.splitlines()))
    assert len(activity.streams) == len(rows)
    for column, (channel, scale) in CSV_CHANNELS.items():
        expected = np.array([float(r[column]) * scale if r[column] else np.nan for r in rows])
        values = activity.streams.get(channel)
        assert values is not None, channel
        known = ~np.isnan(values)
        np.testing.assert_allclose(values[known], expected[known], rtol=1e-6, atol=1e-6)
        # A field a record lacks is NaN here; the dump writes 0 or repeats the previous value.
        gaps = np.flatnonzero(~known)
        repeated = np.isclose(expected[gaps], expected[np.maximum(gaps - 1, 0)])
        assert (repeated | (np.nan_to_num(expected[gaps]) == 0)).all(), column
        assert known.mean() > 0.98, column
    # The CSV's local times (PDT) step as the samples' seconds from the start do.
    first = datetime.strptime(rows[0]["timestamp"], "%a %b %d %H:%M:%S PDT %Y")
    offsets = [
        (datetime.strptime(r["timestamp"], "%a %b %d %H:%M:%S PDT %Y") - first).total_seconds()
        for r in rows
    ]
    time = activity.streams.columns["time_s"]
    np.testing.assert_allclose(time - time[0], offsets)
    return activity


def test_fenix_5_run_matches_its_record_dump() -> None:
    activity = _matches_record_dump("garmin-fenix-5-run.fit")
    assert activity.sport == "running"
    assert activity.start_time == datetime(2017, 6, 11, 14, 34, 9, tzinfo=UTC)  # 07:34:09 PDT
    assert activity.distance_m == pytest.approx(157.56)
    assert activity.duration_s == pytest.approx(56.887)
    assert activity.streams.columns["time_s"][-1] == pytest.approx(57)
    assert [(lap.duration_s, lap.distance_m) for lap in activity.laps] == [(56.887, 157.56)]


def test_edge_500_ride_matches_its_record_dump() -> None:
    activity = _matches_record_dump("garmin-edge-500-activity.fit")
    assert activity.sport == "cycling"
    assert activity.start_time == datetime(2011, 9, 25, 13, 0, 21, tzinfo=UTC)
    assert activity.distance_m == pytest.approx(92622.34)
    assert activity.moving_time_s == pytest.approx(10641.06)
    assert len(activity.laps) == 9
    assert sum(lap.distance_m or 0 for lap in activity.laps) == pytest.approx(92622.34, abs=1)


@pytest.mark.parametrize(
    "name", ["garmin-fenix-5-run.fit", "activity-small-fenix2-run.fit", "sample-activity.fit"]
)
def test_streams_hold_what_fitdecode_reads_from_the_file(name: str) -> None:
    activity = parse_activity(name, read(name), max_bytes=LIMIT)
    records = []
    with fitdecode.FitReader(io.BytesIO(read(name))) as fit:
        for frame in fit:
            if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == "record":
                records.append({f.name: f.value for f in frame.fields})
    assert len(records) == len(activity.streams)
    for channel, field in (("hr_bpm", "heart_rate"), ("distance_m", "distance")):
        expected = [r.get(field) for r in records]
        values = activity.streams.get(channel)
        assert values is not None
        got = [None if np.isnan(v) else v for v in values.tolist()]
        assert got == pytest.approx(expected)


def test_fenix_2_run_summary() -> None:
    activity = parse_activity("a.fit", read("activity-small-fenix2-run.fit"), max_bytes=LIMIT)
    assert activity.distance_m == pytest.approx(9008.22)
    assert activity.duration_s == pytest.approx(2832.0)
    assert [lap.distance_m for lap in activity.laps] == pytest.approx(
        [848.94, 2987.88, 2978.79, 2192.61], abs=0.01
    )
    assert len(activity.streams) == 2809
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
