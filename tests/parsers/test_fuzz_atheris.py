"""Coverage-guided fuzzing of each parser with libFuzzer (atheris), seeded with the real files: only
the declared error, ``InvalidInput``, may escape.

The budget is fixed (a number of runs and libFuzzer's seed), so CI repeats the same search in a few
seconds per parser; the targets are in tests/parsers/atheris_targets.py, which also runs by hand
with a larger budget (``-runs=100000``, or ``-max_total_time=600``) to search further.
"""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.archives import zip_of
from tests.parsers.conftest import read

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="atheris ships wheels for Linux only"
)

TARGETS = Path(__file__).with_name("atheris_targets.py")
STRAVA_CSV = (
    b"Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,"
    b"Max Heart Rate,Filename,Elapsed Time,Moving Time,Distance,Elevation Gain,Average Heart Rate\n"
    b'101,"Jan 5, 2024, 7:03:12 AM",Morning Run,Run,3000,"10.02",171,activities/101.fit.gz,'
    b"3000,2950,10020.5,88,150\n"
    b'102,"Jan 6, 2024, 6:00:00 PM",Treadmill,Virtual Run,1800,0,,,1800,1800,,,\n'
)
GARMIN_CSV = (
    b"Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Total Ascent\n"
    b"Running,2024-03-02 08:15:00,false,Long Run,21.10,1500,01:45:30,148,172,210\n"
    b"Trail Running,2024-03-03 09:00:00,false,Hills,8.5,700,00:55:00,--,--,450\n"
)
# Runs per parser: a few seconds each on CI's two cores (a FIT that fitfast refuses is read
# again by the slower fitdecode, so FIT gets fewer).
RUNS = {"fit": 200, "gpx": 400, "tcx": 150, "csv": 1500, "archive": 1000}


def _zip_compressed(compression: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        entry = zipfile.ZipInfo("Settings.fit", date_time=(2024, 1, 1, 0, 0, 0))
        archive.writestr(entry, read("Settings.fit"), compress_type=compression)
    return buffer.getvalue()


def _seeds(kind: str) -> dict[str, bytes]:
    fixtures = {
        "fit": (
            "garmin-fenix-5-run.fit",
            "Settings.fit",
            "activity-unexpected-eof.fit",
            "activity-settings-corruptheader.fit",
        ),
        "gpx": (
            "cerknicko-jezero.gpx",
            "track-with-empty-segment.gpx",
            "gpx_with_garmin_extension.gpx",
            "unicode_with_bom.gpx",
        ),
        "tcx": ("sup_activity_1.tcx",),
        "csv": ("garmin-fenix-5-run-records.csv",),  # a CSV that is not an activity list
        "archive": (),
    }
    seeds = {name: read(name) for name in fixtures[kind]}
    if kind == "csv":
        seeds |= {"strava.csv": STRAVA_CSV, "garmin.csv": GARMIN_CSV}
    if kind == "archive":
        run = gzip.compress(read("garmin-fenix-5-run.fit"), mtime=0)
        seeds |= {
            "export.zip": zip_of({"activities/1.fit.gz": run, "activities.csv": STRAVA_CSV}),
            "run.fit.gz": run,
            "bzip2.zip": _zip_compressed(zipfile.ZIP_BZIP2),
            "lzma.zip": _zip_compressed(zipfile.ZIP_LZMA),
        }
    return seeds


def fuzz(kind: str, folder: Path, runs: int) -> subprocess.CompletedProcess[str]:
    """Run libFuzzer on one parser from its seeds; a crash's input is saved in ``folder``."""
    corpus = folder / "corpus"
    corpus.mkdir()
    for name, content in _seeds(kind).items():
        (corpus / name).write_bytes(content)
    flags = [f"-runs={runs}", "-seed=1", "-timeout=20", f"-artifact_prefix={folder}/"]
    return subprocess.run(
        [sys.executable, str(TARGETS), kind, str(corpus), *flags],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )


@pytest.mark.parametrize("kind", sorted(RUNS))
def test_libfuzzer_finds_no_error_but_the_declared_one(kind: str, tmp_path: Path) -> None:
    result = fuzz(kind, tmp_path, RUNS[kind])
    # atheris prints an escaped exception's traceback on stdout; libFuzzer the input on stderr
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-1500:]
    assert f"Done {RUNS[kind]} runs" in result.stderr
