"""BENCHMARKS.md from a results file: the table, whether each target is met, and how to read it.

``python -m bench.report`` rewrites BENCHMARKS.md from ``bench/results/latest.json`` without
measuring anything. Free of side effects on import: the tests import it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.records import Record, case_of, load

ROOT = Path(__file__).resolve().parents[1]

HOW_TO_READ = """\
## How to read the table

- **A row is one case at one size.** `median`, `p95` and `baseline median` are in the row's
  `unit`: ms for a view, a refresh or a request; s for the long runs (the worker draining every
  athlete, the generators); requests/s for throughput; MB for a session's memory. A figure
  measured once (a drain, a generator, a throughput) has no p95.
- **Every case warms up, then repeats** (15 times in a full run; the database reads after ten
  warm-ups, as a server's pooled connections run them, each ending with COMMIT as a request does).
- **The baseline is measured in the same run on the same data**, and `ratio` is the row's median
  over the baseline's: a raw SQL read of the same rows for the views, the numpy arithmetic alone
  for the recompute, the one-row endpoint `GET /me` under the same load for the check-in. The
  check-in's latency rows divide p95s; its throughput rows divide requests/s, so a higher ratio
  is better there and a lower one everywhere else.
- **Compare ratios across runs, not absolute times.** The machine has two cores shared by the
  server, the worker, the database and the load generator, and its speed drifts by up to two
  times between runs; a ratio divides two figures taken minutes apart.
- **`met`** checks the figure against the target. `context` marks rows shown beside a target
  but not held to it: the check-in in the other layout, inline, below saturation or refused,
  and the demo generator on PostgreSQL (the minute is `make run`'s, on SQLite).
- **Layouts.** Each database is served in its default layout: on SQLite the refresh worker is a
  thread of the API process (`runseason start`), on PostgreSQL a `runseason worker` process.
- **The check-in load.** The open loop sends 100 requests a second for 20 s whatever the
  answers' speed, each from a different athlete with a year of logged sessions; latency counts
  from the scheduled send. Throughput is 16 closed-loop clients, each request a first check-in;
  the `refused` row, another athlete's check-in (signed in, validated, answered 404, nothing
  written), is the floor no check-in can beat.
- **Many people at once.** `runseason serve api --workers 2` with JSON request logs; a coach
  with 200 athletes, a year of sessions each; 20 closed-loop clients in a process of their own,
  each an athlete cycling through their session list, the caseload and `/me`. The latency rows'
  median is the p50; the details give p99 and each route, CPU per request (server, PostgreSQL,
  client) and the load average. FitTrackee 1.3.6's figures are theirs (2 workers, its session
  list: 119-127 requests/s, p95 172-190 ms): ratios divide by their best. A closed loop's mean
  latency is clients over throughput (20 / 400 requests/s = 50 ms): CPU per request moves both.
- **The activity import** uploads each FIT file into a fresh athlete the day after it was
  recorded (parse, the file and its streams stored, the load from the trace, the days' refresh)
  and divides by a plain `fitdecode` parse of the same file in the same run. Its absolute
  targets were set where that parse of the fenix 2 file takes about 240 ms; when the baseline
  median is several times that (other work on the machine), the ratio (at most 0.87) is the
  figure to read. The `fit-reader` rows time each reader on the record messages alone, and the
  details say on how many of the FIT fixtures its records equal fitdecode's field by field.
- **Re-measuring.** `make bench` runs every case (PostgreSQL too when
  `RUNSEASON_BENCH_DATABASE_URL` is set); `runseason bench --cases checkin-api` re-measures some
  cases and keeps the other rows, which then name their run; `python -m bench.report` rewrites
  this file from `bench/results/latest.json`. The decisions these figures justify are in
  `docs/performance.md`.
"""


def _athletes(record: Record) -> int:
    return int(record.size.split()[0])


def _ratio_at_most(limit: float) -> Callable[[Record], bool]:
    return lambda r: r.ratio is not None and r.ratio <= limit


# Each target as a check of the figures; a row whose name is not here is context.
CHECKS: dict[str, Callable[[Record], bool]] = {
    "plan-build": lambda r: r.median <= 50,
    "caseload": lambda r: (
        r.median <= (150 if _athletes(r) <= 2000 else 400) and _ratio_at_most(3)(r)
    ),
    "command-center": lambda r: r.median <= 100 and _ratio_at_most(3)(r),
    "metrics-recompute (one athlete)": lambda r: r.median <= 20,
    "metrics-recompute (all)": lambda r: r.median <= 5,
    "checkin-api (latency)": lambda r: r.p95 is not None and r.p95 <= 50,
    "checkin-api (max throughput)": lambda r: r.ratio is not None and r.ratio >= 0.5,
    "many-clients (throughput)": lambda r: r.ratio is not None and r.ratio >= 3,
    "many-clients (latency, all routes)": lambda r: r.p95 is not None and r.p95 <= 50,
    "many-clients (latency, session list)": lambda r: r.p95 is not None and r.p95 <= 50,
    "generator (bulk path)": lambda r: r.median <= 300,
    "ui-pages (command_center)": lambda r: r.median <= 300,
    "ui-pages (caseload)": lambda r: r.median <= 300,
    "ui-pages (session memory)": lambda r: r.median <= 30,
    "portfolio": lambda r: r.median <= 300,
    "report (caseload PDF)": lambda r: r.median <= 3000,
    "activity-import (fenix 2 FIT)": lambda r: r.median <= 145 and _ratio_at_most(0.87)(r),
    "activity-import (Edge 500 FIT)": lambda r: r.median <= 400 and _ratio_at_most(0.87)(r),
}
DEMO = "generator (services, the demo)"


def verdict(record: Record) -> str:
    """``met``, ``missed`` or ``context`` for a row."""
    if record.name == DEMO and record.database == "sqlite":
        return "met" if record.median <= 60 else "missed"
    check = CHECKS.get(record.name)
    if check is None:
        return "context"
    return "met" if check(record) else "missed"


def _cell(value: float | str | None) -> str:
    return "-" if value is None or value == "" else str(value)


def _row(r: Record) -> str:
    cells = [r.name, r.database, r.size, r.unit, r.median, r.p95, r.baseline]
    cells += [r.baseline_median, r.ratio, r.target, verdict(r)]
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _details(records: list[Record]) -> list[str]:
    lines = []
    runs: dict[str, dict[str, list[str]]] = {}
    runs_of_case: dict[str, set[str | None]] = {}
    for r in records:
        runs_of_case.setdefault(case_of(r), set()).add((r.extra or {}).get("run"))
    for r in records:
        extra = dict(r.extra or {})
        run = extra.pop("run", None)
        if run:
            # a case re-measured in more than one run names its rows
            label = case_of(r) if len(runs_of_case[case_of(r)]) == 1 else r.name
            databases = runs.setdefault(run, {}).setdefault(label, [])
            databases += [] if r.database in databases else [r.database]
        if extra:
            figures = ", ".join(f"{k} {json.dumps(v)}" for k, v in extra.items())
            lines.append(f"- {r.name}, {r.database}, {r.size}: {figures}")
    if runs:  # one line however many partial runs came after the full one
        named = "; ".join(
            f"{case} on {', '.join(dbs)} ({run})"
            for run, cases in runs.items()
            for case, dbs in cases.items()
        )
        lines.append(f"- Re-measured after the full run: {named}.")
    return ["## Details", "", *lines] if lines else []


def render(payload: dict[str, Any]) -> str:
    """The whole of BENCHMARKS.md for a results payload whose records are ``Record`` values."""
    machine = payload.get("machine", {})
    records: list[Record] = payload["records"]
    lines = [
        "# Benchmarks",
        "",
        f"Measured {payload['date'][:10]} on {machine.get('arch')} with {machine.get('cpus')} "
        f"cores, Python {machine.get('python')}, by `make bench`. How to read it: below the table.",
        "",
        "| case | database | size | unit | median | p95 | baseline | baseline median | ratio "
        "| target | met |",
        "| --- | --- | --- | --- | ---: | ---: | --- | ---: | ---: | --- | --- |",
        *(_row(r) for r in records),
        "",
        HOW_TO_READ,
        *_details(records),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def write_markdown(payload: dict[str, Any], path: Path) -> None:
    """Write ``render(payload)`` to ``path``."""
    path.write_text(render(payload), encoding="utf-8")


if __name__ == "__main__":
    write_markdown(load(ROOT / "bench" / "results" / "latest.json"), ROOT / "BENCHMARKS.md")
