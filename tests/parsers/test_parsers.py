"""Activity files from real devices, broken files and random bytes."""

from __future__ import annotations

import contextlib
import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runseason.errors import InvalidInput
from runseason.parsers import detect_format, fingerprint, parse_activity
from tests.conftest import shared_dir

FIXTURES = shared_dir() / "fixtures" / "activities"
LIMIT = 25 * 1024 * 1024


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse(name: str) -> object:
    return parse_activity(name, read(name), max_bytes=LIMIT)


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


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("activity-unexpected-eof.fit", "ends early"),
        ("activity-settings-corruptheader.fit", "header is damaged"),
        ("Settings.fit", "holds no activity"),
        ("cerknicko-without-times.gpx", "no timestamps"),
        ("gpx_with_garmin_extension.gpx", "no track points"),
        ("unicode_with_bom.gpx", "no track points"),
    ],
)
def test_broken_or_empty_files_are_refused_clearly(name: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_activity(name, read(name), max_bytes=LIMIT)


def test_gpx_track_with_times_and_elevation() -> None:
    activity = parse_activity("lake.gpx", read("cerknicko-jezero.gpx"), max_bytes=LIMIT)
    assert activity.source_format == "gpx"
    assert activity.distance_m == pytest.approx(4692.42, rel=0.01)
    assert activity.start_time.tzinfo is not None
    assert activity.elevation_gain_m is not None


def test_gpx_with_an_empty_segment_still_reads() -> None:
    activity = parse_activity("t.gpx", read("track-with-empty-segment.gpx"), max_bytes=LIMIT)
    assert activity.distance_m == pytest.approx(85.95, rel=0.02)


def test_tcx_activity_has_utc_times_and_heart_rate() -> None:
    activity = parse_activity("sup.tcx", read("sup_activity_1.tcx"), max_bytes=LIMIT)
    assert activity.start_time == datetime(2022, 7, 16, 16, 8, 25, tzinfo=UTC)
    assert activity.duration_s == pytest.approx(1112.0)
    assert activity.distance_m == pytest.approx(1157.51)
    assert activity.avg_hr == pytest.approx(88.126, abs=0.01)
    assert len(activity.samples) == 111


def test_formats_are_detected_by_content_before_extension() -> None:
    assert detect_format("run.gpx", read("garmin-fenix-5-run.fit")) == "fit"
    assert detect_format("run.txt", read("cerknicko-jezero.gpx")) == "gpx"
    assert detect_format("run.xml", read("sup_activity_1.tcx")) == "tcx"
    with pytest.raises(InvalidInput, match="not a FIT, GPX or TCX"):
        detect_format("notes.docx", b"hello world, this is not an activity")


def test_empty_and_oversized_files_are_refused() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        parse_activity("a.fit", b"", max_bytes=LIMIT)
    with pytest.raises(InvalidInput, match="upload limit"):
        parse_activity("a.fit", read("garmin-fenix-5-run.fit"), max_bytes=1024)


def test_malformed_xml_is_refused() -> None:
    with pytest.raises(InvalidInput):
        parse_activity("bad.gpx", b"<gpx><trk><trkseg><trkpt lat='1'", max_bytes=LIMIT)
    with pytest.raises(InvalidInput):
        parse_activity("bad.tcx", b"<TrainingCenterDatabase><Activities>", max_bytes=LIMIT)


def test_fingerprint_is_stable_and_distinguishes_activities() -> None:
    a = parse_activity("a.fit", read("garmin-fenix-5-run.fit"), max_bytes=LIMIT)
    again = parse_activity("b.fit", read("garmin-fenix-5-run.fit"), max_bytes=LIMIT)
    other = parse_activity("c.fit", read("activity-small-fenix2-run.fit"), max_bytes=LIMIT)
    assert fingerprint(a) == fingerprint(again)
    assert fingerprint(a) != fingerprint(other)


def _truncations() -> list[tuple[str, int]]:
    return [(name, cut) for name in ("garmin-fenix-5-run.fit",) for cut in (13, 100, 2000, -3)]


@pytest.mark.parametrize(("name", "cut"), _truncations())
def test_truncated_fit_files_are_clear_errors(name: str, cut: int) -> None:
    with pytest.raises(InvalidInput):
        parse_activity(name, read(name)[:cut], max_bytes=LIMIT)


@settings(max_examples=200)
@given(st.binary(min_size=1, max_size=4096), st.sampled_from(["x.fit", "x.gpx", "x.tcx", "x"]))
def test_random_bytes_never_raise_anything_but_invalid_input(content: bytes, name: str) -> None:
    with contextlib.suppress(InvalidInput):
        parse_activity(name, content, max_bytes=LIMIT)


@settings(max_examples=100)
@given(st.integers(min_value=14, max_value=4000), st.integers(min_value=0, max_value=255))
def test_corrupted_fit_bytes_never_crash(position: int, value: int) -> None:
    data = bytearray(read("garmin-fenix-5-run.fit"))
    data[position % len(data)] = value
    with contextlib.suppress(InvalidInput):
        parse_activity("x.fit", bytes(data), max_bytes=LIMIT)


def test_fixture_folder_exists() -> None:
    assert Path(FIXTURES).is_dir()
