"""BENCHMARKS.md as the report writer makes it: a table with units and verdicts, one screen on
how to read it, under 150 lines for a full run on both databases."""

from __future__ import annotations

from pathlib import Path

from bench.records import UNITS, Record
from bench.report import render, verdict

ROOT = Path(__file__).resolve().parents[2]


LATENCY = {"errors": 0, "max_queue_depth": 9, "queue_empty_after_s": 0.05}
THROUGHPUT = {"constant_rps": 1858.8, "athletes": 2000, "second_checkins": 0}
COST = {
    "requests": 8040,
    "errors": {},
    "server_cpu_ms_per_request": 2.3,
    "client_cpu_ms_per_request": 0.06,
    "client_cpu_share_of_a_core": 0.02,
    "load_average_1m": [1.9, 2.2],
    "database_cpu_ms_per_request": 0.4,
}
ROUTE = {"requests_per_s": 134.0, "p50": 35.0, "p95": 49.0, "p99": 60.0}
ROUTES = {"p99": 61.0, "session list": ROUTE, "caseload": ROUTE, "/me": ROUTE}
# name, size, unit, median, p95, baseline median, ratio, extra: the rows of one database's full run
FULL_RUN = [
    ("caseload", "200 athletes, 365 days", "ms", 0.8, 0.8, 0.3, 2.4, {"seed_seconds": 1.0}),
    ("caseload", "2000 athletes, 365 days", "ms", 1.6, 1.7, 0.8, 2.0, {"seed_seconds": 11.2}),
    ("caseload", "20000 athletes, 30 days", "ms", 13.0, 13.1, 6.0, 2.2, {"seed_seconds": 15.8}),
    ("command-center", "1 coach, 200 athletes", "ms", 0.45, 0.5, 0.18, 2.5, None),
    ("metrics-recompute (one athlete)", "730 days", "ms", 2.1, 3.3, None, None, None),
    ("metrics-recompute (all)", "2000 x 730 days", "s", 1.53, None, 0.74, 2.1, None),
    ("checkin-api (latency)", "100 req/s", "ms", 3.3, 10.2, 2.5, 2.8, LATENCY),
    ("checkin-api (latency below saturation)", "40 req/s", "ms", 5.0, 9.7, 2.5, 2.7, LATENCY),
    (
        "checkin-api (max throughput)",
        "16 clients",
        "requests/s",
        327.6,
        None,
        623.4,
        0.53,
        THROUGHPUT,
    ),
    (
        "checkin-api (max throughput, refused)",
        "16 clients",
        "requests/s",
        402.1,
        None,
        623.4,
        0.65,
        None,
    ),
    ("checkin-api (latency, worker process)", "100 req/s", "ms", 4.0, 9.7, 2.5, 2.7, LATENCY),
    (
        "checkin-api (max throughput, worker process)",
        "16 clients",
        "requests/s",
        286.8,
        None,
        623.4,
        0.46,
        THROUGHPUT,
    ),
    ("checkin-api (latency, refresh inline)", "100 req/s", "ms", 6.7, 10.6, 2.5, 2.9, LATENCY),
    (
        "checkin-api (max throughput, refresh inline)",
        "16 clients",
        "requests/s",
        152.6,
        None,
        623.4,
        0.24,
        THROUGHPUT,
    ),
    (
        "generator (services, the demo)",
        "40 x 16 weeks",
        "s",
        20.9,
        None,
        None,
        None,
        {"checkins": 4193, "sessions": 2551},
    ),
    (
        "generator (bulk path)",
        "2000 x 364 days",
        "s",
        23.5,
        None,
        None,
        None,
        {"metric_rows": 728000},
    ),
    ("many-clients (throughput)", "20 clients", "requests/s", 402.0, None, 127.0, 3.17, COST),
    ("many-clients (latency, all routes)", "20 clients", "ms", 35.0, 49.0, None, 0.28, ROUTES),
    ("many-clients (latency, session list)", "20 clients", "ms", 38.0, 50.0, None, 0.29, None),
    ("ui-pages (command_center)", "500 athletes", "ms", 21.5, 25.9, None, None, None),
    ("ui-pages (caseload)", "500 athletes", "ms", 8.4, 13.5, None, None, None),
    ("ui-pages (session memory)", "one idle session", "MB", 0.5, None, None, None, None),
]


def full_run(database: str) -> list[Record]:
    """The rows one database gives in a full run, shaped as the cases make them."""
    return [
        Record(
            name,
            database,
            size,
            unit,
            median,
            p95,
            "base" if base else None,
            base,
            ratio,
            "target",
            dict(extra) if extra else None,
        )
        for name, size, unit, median, p95, base, ratio, extra in FULL_RUN
    ]


def payload(records: list[Record]) -> dict[str, object]:
    machine = {"arch": "x86_64", "cpus": 2, "python": "3.11.7"}
    return {"date": "2026-11-29T20:46:55+00:00", "machine": machine, "records": records}


def table_rows(text: str) -> list[list[str]]:
    lines = [line for line in text.splitlines() if line.startswith("| ")]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    return [row for row in rows if not row[0].startswith("---")]


def test_a_full_run_on_both_databases_is_under_150_lines_with_a_units_column() -> None:
    records = [Record("plan-build", "-", "48 weeks", "ms", 3.0, 3.0)]
    records += full_run("sqlite") + full_run("postgresql")
    text = render(payload(records))
    assert len(text.splitlines()) < 150
    header, *rows = table_rows(text)
    unit = header.index("unit")
    assert header[unit + 1 : unit + 3] == ["median", "p95"]
    assert len(rows) == len(records)
    assert {row[unit] for row in rows} == set(UNITS)
    assert "## How to read the table" in text


def test_each_row_says_whether_its_target_is_met() -> None:
    def cell(record: Record) -> str:
        return table_rows(render(payload([record])))[1][-1]

    fast = Record(
        "caseload", "sqlite", "20000 athletes, 30 days", "ms", 390.0, None, "raw", 150.0, 2.6, "t"
    )
    assert cell(fast) == "met"
    slow = Record(
        "caseload", "sqlite", "2000 athletes, 365 days", "ms", 151.0, None, "raw", 80.0, 1.9, "t"
    )
    assert cell(slow) == "missed"
    assert (
        verdict(
            Record(
                "checkin-api (max throughput)",
                "sqlite",
                "16",
                "requests/s",
                99.0,
                None,
                "GET /me",
                200.0,
                0.49,
                "t",
            )
        )
        == "missed"
    )
    assert verdict(Record("checkin-api (latency)", "sqlite", "100", "ms", 9.0, 51.0)) == "missed"
    assert (
        verdict(
            Record("checkin-api (latency, refresh inline)", "sqlite", "100", "ms", 900.0, 1400.0)
        )
        == "context"
    )
    refused = Record("checkin-api (max throughput, refused)", "sqlite", "16", "requests/s", 9.0)
    refused.ratio = 0.4  # the floor of a check-in, shown beside the target, not held to it
    assert verdict(refused) == "context"
    fittrackee = Record("many-clients (throughput)", "sqlite", "20", "requests/s", 380.0)
    assert verdict(fittrackee) == "missed"  # no ratio: nothing to hold to the target
    fittrackee.ratio = 2.99
    assert verdict(fittrackee) == "missed"
    fittrackee.ratio = 3.0
    assert verdict(fittrackee) == "met"
    for route in ("all routes", "session list"):
        many = Record(f"many-clients (latency, {route})", "postgresql", "20", "ms", 20.0, 50.0)
        assert verdict(many) == "met"
        many.p95 = 50.1
        assert verdict(many) == "missed"
    demo = Record("generator (services, the demo)", "sqlite", "40 x 16", "s", 61.0)
    assert verdict(demo) == "missed"


def test_a_partial_run_is_named_once_with_its_cases() -> None:
    rows = full_run("sqlite")
    for r in rows:
        if r.name.startswith("checkin-api"):
            r.extra = {**(r.extra or {}), "run": "partial run of 2026-11-29 21:41 UTC"}
    text = render(payload(rows))
    assert text.count("partial run of 2026-11-29 21:41 UTC") == 1
    assert "checkin-api on sqlite" in text


def test_the_committed_table_is_in_the_writers_format() -> None:
    text = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) < 150
    header = table_rows(text)[0]
    assert header[3:6] == ["unit", "median", "p95"]
    assert header[-1] == "met"


def test_partial_runs_are_named_on_one_line_however_many_there_are() -> None:
    rows = full_run("sqlite")
    stamps = {"checkin-api": "partial run of 2026-11-29 21:41 UTC"}
    stamps["caseload"] = "partial run of 2026-12-01 08:00 UTC"
    for r in rows:
        stamp = stamps.get(r.name.split(" (")[0])
        if stamp:
            r.extra = {**(r.extra or {}), "run": stamp}
    lines = [line for line in render(payload(rows)).splitlines() if "partial run of" in line]
    assert len(lines) == 1
    assert "caseload on sqlite (partial run of 2026-12-01 08:00 UTC)" in lines[0]


def test_a_case_measured_in_two_runs_names_its_rows() -> None:
    rows = full_run("sqlite")
    for r in rows:
        if r.name.startswith("checkin-api"):
            late = r.name == "checkin-api (max throughput, refused)"
            run = "partial run of 2026-12-08 00:46 UTC" if late else "partial run of 2026-12-07"
            r.extra = {**(r.extra or {}), "run": run}
    text = render(payload(rows))
    assert "checkin-api (max throughput, refused) on sqlite (partial run of 2026-12-08" in text
    assert "checkin-api (latency) on sqlite (partial run of 2026-12-07)" in text
    assert "checkin-api on" not in text
