"""A partial benchmark run replaces its own rows and keeps the rest of the last full run."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from bench.records import Record, merge_partial


def stored(path: Path, records: list[Record], *, smoke: bool = False) -> Path:
    path.write_text(
        json.dumps({"smoke": smoke, "records": [asdict(r) for r in records]}), encoding="utf-8"
    )
    return path


def test_rows_of_the_rerun_cases_are_replaced_in_place(tmp_path: Path) -> None:
    previous = stored(
        tmp_path / "latest.json",
        [
            Record("plan-build", "-", "48 weeks", 4.0, 5.0),
            Record("caseload", "sqlite", "200", 2.0, 3.0, extra={"seed_seconds": 1}),
            Record("caseload", "postgresql", "200", 6.0, 7.0),
        ],
    )
    fresh = [
        Record("caseload", "sqlite", "200", 1.5, 2.5),
        Record("command-center", "sqlite", "200", 3.0, 4.0),
    ]
    merged = merge_partial(fresh, previous, "partial run now")
    assert [(r.name, r.database, r.median_ms) for r in merged] == [
        ("plan-build", "-", 4.0),
        ("caseload", "sqlite", 1.5),
        ("caseload", "postgresql", 6.0),
        ("command-center", "sqlite", 3.0),
    ]
    assert merged[1].extra is not None
    assert merged[1].extra["run"] == "partial run now"
    assert merged[2].extra is None  # kept rows are not relabelled


def test_a_smoke_or_missing_previous_run_is_not_merged(tmp_path: Path) -> None:
    fresh = [Record("caseload", "sqlite", "50", 1.0, 1.0)]
    assert merge_partial(fresh, tmp_path / "absent.json", "x") == fresh
    smoke = stored(tmp_path / "smoke.json", [Record("plan-build", "-", "x", 1.0, 1.0)], smoke=True)
    assert merge_partial(fresh, smoke, "x") == fresh
