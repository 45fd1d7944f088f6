"""Test archives built from the shared activity fixtures, laid out as the services export them."""

from __future__ import annotations

import gzip
import io
import zipfile

from runseason.parsers import parse_activity
from tests.conftest import shared_dir

FIXTURES = shared_dir() / "fixtures" / "activities"
STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,"
    "Max Heart Rate,Filename,Elapsed Time,Moving Time,Distance,Elevation Gain,Average Heart Rate"
)


def fixture(name: str) -> bytes:
    """One fixture file's bytes."""
    return (FIXTURES / name).read_bytes()


def zip_of(files: dict[str, bytes]) -> bytes:
    """A ZIP archive of ``files`` (name → content), the same bytes every time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            entry = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, content)
    return buffer.getvalue()


def strava_row(activity_id: int, name: str, filename: str = "", *, content: bytes) -> str:
    """An activities.csv row for a fixture as Strava writes it (its own distance 1 % longer)."""
    parsed = parse_activity(name, content, max_bytes=100 * 1024 * 1024)
    start = parsed.start_time.strftime("%b %d, %Y, %I:%M:%S %p").replace(" 0", " ")
    metres = (parsed.distance_m or 0) * 1.01
    return (
        f'{activity_id},"{start}",Imported {activity_id},Run,{parsed.duration_s:.0f},'
        f'"{metres / 1000:.2f}",,{filename},{parsed.duration_s:.0f},{parsed.duration_s:.0f},'
        f"{metres:.1f},,"
    )


def strava_export() -> bytes:
    """A Strava bulk export: 3 activities to import, 2 duplicates of them, 3 refused.

    Imported: the fenix 2 run, the SUP TCX and a treadmill run listed in the CSV without a file.
    Duplicates: an uncompressed copy of the fenix 2 file (already imported) and the fenix 2 run's
    CSV row (merged into its session). Refused: a GPX walk too slow for a run, a truncated FIT
    and a CSV row with an unreadable date.
    """
    fenix = fixture("activity-small-fenix2-run.fit")
    rows = [
        STRAVA_HEADER,
        strava_row(1001, "run.fit", "activities/1001.fit.gz", content=fenix),
        '1006,"Mar 3, 2024, 6:00:00 PM",Treadmill,Virtual Run,1800,"5.00",,,1800,1800,5000,,',
        '1007,"someday",Broken,Run,1800,"5.00",,,1800,1800,5000,,',
    ]
    return zip_of(
        {
            "activities.csv": ("\n".join(rows) + "\n").encode(),
            "activities/1001.fit.gz": gzip.compress(fenix, mtime=0),
            "activities/copy-1001.fit": fenix,
            "activities/1002.tcx.gz": gzip.compress(fixture("sup_activity_1.tcx"), mtime=0),
            "activities/1004.gpx.gz": gzip.compress(fixture("cerknicko-jezero.gpx"), mtime=0),
            "activities/1005.fit.gz": gzip.compress(
                fixture("activity-unexpected-eof.fit"), mtime=0
            ),
            "media/photo.jpg": b"\xff\xd8 not an activity",
            "profile.csv": b"Athlete ID,Email Address\n1,a@example.org\n",
        }
    )
