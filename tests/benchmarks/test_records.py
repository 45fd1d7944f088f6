"""Benchmark records: units are named, and a partial run replaces its own rows only."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.records import Record, dump, load, merge_partial


def stored(path: Path, records: list[Record], *, smoke: bool = False) -> Path:
    dump({"date": "2026-01-01T00:00:00+00:00", "smoke": smoke, "records": records}, path)
    return path


def test_a_record_names_a_known_unit() -> None:
    assert Record("x", "-", "y", "requests/s", 300.0).unit == "requests/s"
    with pytest.raises(ValueError, match="unit"):
        Record("x", "-", "y", "median ms", 1.0)


def test_records_come_back_from_their_file_as_they_went_in(tmp_path: Path) -> None:
    records = [
        Record("caseload", "sqlite", "200", "ms", 1.5, 2.5, "raw", 0.5, 3.0, "<= 3x", {"a": 1}),
        Record("ui-pages (session memory)", "sqlite", "one", "MB", 0.5),
    ]
    assert load(stored(tmp_path / "latest.json", records))["records"] == records


def test_rows_of_the_rerun_cases_are_replaced_in_place(tmp_path: Path) -> None:
    previous = stored(
        tmp_path / "latest.json",
        [
            Record("plan-build", "-", "48 weeks", "ms", 4.0, 5.0),
            Record("caseload", "sqlite", "200", "ms", 2.0, 3.0, extra={"seed_seconds": 1}),
            Record("caseload", "postgresql", "200", "ms", 6.0, 7.0),
        ],
    )
    fresh = [
        Record("caseload", "sqlite", "200", "ms", 1.5, 2.5),
        Record("command-center", "sqlite", "200", "ms", 3.0, 4.0),
    ]
    merged = merge_partial(fresh, previous, "partial run now")
    assert [(r.name, r.database, r.median) for r in merged] == [
        ("plan-build", "-", 4.0),
        ("caseload", "sqlite", 1.5),
        ("caseload", "postgresql", 6.0),
        ("command-center", "sqlite", 3.0),
    ]
    assert merged[1].extra is not None
    assert merged[1].extra["run"] == "partial run now"
    assert merged[2].extra is None  # kept rows are not relabelled


def test_a_row_new_to_the_table_goes_beside_its_case_on_its_database(tmp_path: Path) -> None:
    previous = stored(
        tmp_path / "latest.json",
        [
            Record("checkin-api (latency)", "sqlite", "100/s", "ms", 4.0, 9.0),
            Record("checkin-api (max throughput)", "sqlite", "16", "requests/s", 160.0),
            Record("caseload", "postgresql", "200", "ms", 6.0, 7.0),
            Record("checkin-api (max throughput)", "postgresql", "16", "requests/s", 150.0),
            Record("ui-pages (caseload)", "postgresql", "500", "ms", 20.0, 30.0),
        ],
    )
    fresh = [
        Record("checkin-api (max throughput, refused)", "sqlite", "16", "requests/s", 220.0),
        Record("checkin-api (max throughput, refused)", "postgresql", "16", "requests/s", 230.0),
        Record("portfolio", "sqlite", "2000", "ms", 40.0, 45.0),
    ]
    merged = merge_partial(fresh, previous, "partial run now")
    assert [(r.name, r.database) for r in merged] == [
        ("checkin-api (latency)", "sqlite"),
        ("checkin-api (max throughput)", "sqlite"),
        ("checkin-api (max throughput, refused)", "sqlite"),
        ("caseload", "postgresql"),
        ("checkin-api (max throughput)", "postgresql"),
        ("checkin-api (max throughput, refused)", "postgresql"),
        ("ui-pages (caseload)", "postgresql"),
        ("portfolio", "sqlite"),  # a case the table never had goes last
    ]


def test_a_smoke_or_missing_previous_run_is_not_merged(tmp_path: Path) -> None:
    fresh = [Record("caseload", "sqlite", "50", "ms", 1.0, 1.0)]
    assert merge_partial(fresh, tmp_path / "absent.json", "x") == fresh
    smoke = stored(
        tmp_path / "smoke.json", [Record("plan-build", "-", "x", "ms", 1.0, 1.0)], smoke=True
    )
    assert merge_partial(fresh, smoke, "x") == fresh
