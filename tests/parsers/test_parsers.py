"""Any activity file: the format detected, limits and malformed input refused clearly."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runseason.errors import InvalidInput
from runseason.parsers import detect_format, parse_activity
from tests.parsers.conftest import FIXTURES, LIMIT, read


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


@settings(max_examples=200)
@given(st.binary(min_size=1, max_size=4096), st.sampled_from(["x.fit", "x.gpx", "x.tcx", "x"]))
def test_random_bytes_never_raise_anything_but_invalid_input(content: bytes, name: str) -> None:
    with contextlib.suppress(InvalidInput):
        parse_activity(name, content, max_bytes=LIMIT)


def test_fixture_folder_exists() -> None:
    assert Path(FIXTURES).is_dir()
