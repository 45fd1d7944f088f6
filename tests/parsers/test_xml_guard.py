"""Hostile XML refused before parsing: the billion laughs, XXE and any DTD."""

from __future__ import annotations

import time

import pytest

from runseason.errors import InvalidInput
from runseason.parsers import parse_activity
from runseason.parsers.xml_guard import refuse_dtd
from tests.parsers.conftest import LIMIT, read

LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE gpx ['
    b'<!ENTITY a "lolololololololololol">'
    + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9)
    )
    + b']><gpx version="1.1"><trk><name>&j;</name></trk></gpx>'
)
XXE_GPX = (
    b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    b'<gpx version="1.1"><trk><name>&secret;</name><trkseg>'
    b'<trkpt lat="1" lon="1"><time>2024-01-01T00:00:00Z</time></trkpt>'
    b'<trkpt lat="1.01" lon="1"><time>2024-01-01T00:10:00Z</time></trkpt>'
    b"</trkseg></trk></gpx>"
)
XXE_TCX = (
    b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>'
    b"<TrainingCenterDatabase><Activities>&x;</Activities></TrainingCenterDatabase>"
)


@pytest.mark.parametrize(
    ("name", "content"),
    [("laughs.gpx", LAUGHS), ("xxe.gpx", XXE_GPX), ("xxe.tcx", XXE_TCX)],
)
def test_entities_and_dtds_are_refused_quickly(name: str, content: bytes) -> None:
    started = time.perf_counter()
    with pytest.raises(InvalidInput, match="declares a DTD or entities"):
        parse_activity(name, content, max_bytes=LIMIT)
    assert time.perf_counter() - started < 1.0


def test_real_files_pass_the_guard_and_malformed_xml_is_left_to_its_reader() -> None:
    refuse_dtd(read("cerknicko-jezero.gpx"), "GPX")
    refuse_dtd(read("sup_activity_1.tcx"), "TCX")
    refuse_dtd(read("unicode_with_bom.gpx"), "GPX")
    refuse_dtd(b"<gpx><unclosed", "GPX")
    with pytest.raises(InvalidInput, match=r"could not be read|not valid"):
        parse_activity("bad.gpx", b"<gpx><trk></gpx>", max_bytes=LIMIT)


@pytest.mark.parametrize(
    "encoding",
    ["ut.FITf-8", "shift_jis", "rot13", "idna", "punycode"],  # the first found by atheris
)
def test_an_encoding_that_cannot_be_read_is_refused_clearly(encoding: str) -> None:
    content = f'<?xml version="1.0" encoding="{encoding}"?><gpx><trk/></gpx>'.encode()
    with pytest.raises(InvalidInput, match="text encoding cannot be read"):
        parse_activity("odd.gpx", content, max_bytes=LIMIT)
