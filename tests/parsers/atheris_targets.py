"""libFuzzer targets (atheris), one per parser, run in a child process by test_fuzz_atheris.py.

    python tests/parsers/atheris_targets.py KIND CORPUS_DIR [libFuzzer flags, e.g. -runs=300]

Only ``InvalidInput`` may escape a parser: any other exception is a crash, which libFuzzer reports
with the Python traceback and saves as ``crash-<sha1>`` under ``-artifact_prefix``, and the process
exits non-zero. libFuzzer ends the process when its budget is spent, hence the child process.
The parsers and the pure-Python libraries under them are instrumented, so libFuzzer's mutations
follow the branches they reach (fitfast is compiled Rust: it is fuzzed, not traced).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable

import atheris

with atheris.instrument_imports(include=["runseason", "gpxpy", "fitdecode", "tcxreader"]):
    from runseason.errors import InvalidInput
    from runseason.parsers import ParsedActivity, parse_activity
    from runseason.parsers.activity_csv import read_rows
    from runseason.parsers.archive import ArchiveLimits, plan
    from runseason.parsers.fit import parse_fit
    from runseason.parsers.gpx import parse_gpx
    from runseason.parsers.tcx import parse_tcx

LIMIT = 25 * 1024 * 1024
ARCHIVE_LIMITS = ArchiveLimits(
    max_total_bytes=50 * 1024 * 1024, max_files=100, max_ratio=100, max_file_bytes=LIMIT
)


def _activity_file(kind: str, parser: Callable[[bytes], ParsedActivity]) -> Callable[[bytes], None]:
    def target(data: bytes) -> None:
        with contextlib.suppress(InvalidInput):
            parser(data)
        with contextlib.suppress(InvalidInput):
            assert isinstance(parse_activity(f"x.{kind}", data, max_bytes=LIMIT), ParsedActivity)

    return target


def _activity_csv(data: bytes) -> None:
    with contextlib.suppress(InvalidInput):
        for row in read_rows(data, zone="UTC", unit="km"):
            assert (row.activity is None) != (row.error is None)


def _archive(data: bytes) -> None:
    # A name without an extension: the content says ZIP or gzip, as an upload's bytes would.
    with contextlib.suppress(InvalidInput):
        for item in plan("upload", data, ARCHIVE_LIMITS, zone="UTC", unit="km"):
            if item.read is not None:
                with contextlib.suppress(InvalidInput):
                    item.read()


TARGETS: dict[str, Callable[[bytes], None]] = {
    "fit": _activity_file("fit", parse_fit),
    "gpx": _activity_file("gpx", parse_gpx),
    "tcx": _activity_file("tcx", parse_tcx),
    "csv": _activity_csv,
    "archive": _archive,
}


def main() -> None:
    """Fuzz one parser: ``argv[1]`` names it, the rest goes to libFuzzer."""
    target = TARGETS[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
