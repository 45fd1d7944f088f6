"""Fuzzing each parser: mutated real files (bit flips, truncations, spliced bytes) never raise
anything but the parsers' declared error, ``InvalidInput``, and never take long.

A fixed budget keeps the harness in CI: each parser sees the same examples on every run (the
suite's repeatable Hypothesis profile); run with HYPOTHESIS_PROFILE=explore to search new ones.
"""

from __future__ import annotations

import contextlib
import gzip
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runseason.errors import InvalidInput
from runseason.parsers import ParsedActivity, parse_activity
from runseason.parsers.activity_csv import read_rows
from runseason.parsers.archive import ArchiveLimits, plan
from runseason.parsers.fit import parse_fit
from runseason.parsers.gpx import parse_gpx
from runseason.parsers.tcx import parse_tcx
from tests.archives import zip_of
from tests.parsers.conftest import LIMIT, read

BUDGET = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEEDS: dict[str, tuple[Callable[[bytes], object], tuple[str, ...]]] = {
    "fit": (parse_fit, ("garmin-fenix-5-run.fit", "Settings.fit", "activity-unexpected-eof.fit")),
    "gpx": (parse_gpx, ("track-with-empty-segment.gpx", "gpx_with_garmin_extension.gpx")),
    "tcx": (parse_tcx, ("sup_activity_1.tcx",)),
}
STRAVA_ROWS = (
    b"Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance\n"
    b'1,"Jan 5, 2024, 7:03:12 AM",Run,Run,3000,10020.5\n'
)


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """A real file with bits flipped, cut short, or with foreign bytes spliced in."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] ^= 1 << draw(st.integers(0, 7))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(min_size=1, max_size=64))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


def _fuzz(kind: str) -> Callable[[], None]:
    parser, names = SEEDS[kind]
    files = st.sampled_from(names).flatmap(lambda name: mutated(read(name)))

    @BUDGET
    @given(files)
    def run(content: bytes) -> None:
        with contextlib.suppress(InvalidInput):
            parser(content)
        with contextlib.suppress(InvalidInput):
            result = parse_activity(f"x.{kind}", content, max_bytes=LIMIT)
            assert isinstance(result, ParsedActivity)

    return run


@pytest.mark.parametrize("kind", sorted(SEEDS))
def test_mutated_files_raise_only_the_declared_error(kind: str) -> None:
    _fuzz(kind)()


@BUDGET
@given(mutated(STRAVA_ROWS))
def test_mutated_activity_csvs_raise_only_the_declared_error(content: bytes) -> None:
    with contextlib.suppress(InvalidInput):
        for row in read_rows(content, zone="UTC", unit="km"):
            assert (row.activity is None) != (row.error is None)


ARCHIVE_LIMITS = ArchiveLimits(
    max_total_bytes=50 * 1024 * 1024, max_files=100, max_ratio=100, max_file_bytes=LIMIT
)


@BUDGET
@given(
    st.sampled_from(
        [
            zip_of(
                {
                    "activities/1.fit.gz": gzip.compress(read("garmin-fenix-5-run.fit"), mtime=0),
                    "activities.csv": STRAVA_ROWS,
                }
            ),
            gzip.compress(read("garmin-fenix-5-run.fit"), mtime=0),
        ]
    ).flatmap(mutated)
)
def test_mutated_archives_raise_only_the_declared_error(content: bytes) -> None:
    with contextlib.suppress(InvalidInput):
        for item in plan("upload.zip", content, ARCHIVE_LIMITS, zone="UTC", unit="km"):
            if item.read is not None:
                with contextlib.suppress(InvalidInput):
                    item.read()
