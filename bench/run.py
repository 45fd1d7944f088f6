"""The benchmark suite: speed and scale, with ratios against baselines taken in the same run.

Run it with ``make bench`` (or ``runseason bench``); ``--smoke`` runs tiny sizes to prove the suite
works (CI does this). Results go to ``<output>/latest.json`` and, for a full run, to BENCHMARKS.md.
PostgreSQL is measured too when ``RUNSEASON_BENCH_DATABASE_URL`` is set. Nothing is asserted:
figures are recorded with their targets beside them.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
from pathlib import Path
from types import ModuleType

from bench.cases import (
    activity_import,
    caseload,
    checkin_api,
    command_center,
    generator,
    history_import,
    many_clients,
    metrics_recompute,
    plan_build,
    portfolio,
    ui_pages,
)
from bench.harness import NOW, ROOT, database
from bench.records import Record, dump, load, merge_partial
from bench.report import write_markdown
from runseason import runtime
from runseason.config import reset_settings_cache

# Cases that run on a fresh database of each kind, in this order; plan-build needs none.
DATABASE_CASES: dict[str, ModuleType] = {
    "caseload": caseload,
    "command-center": command_center,
    "metrics-recompute": metrics_recompute,
    "checkin-api": checkin_api,
    "many-clients": many_clients,
    "generator": generator,
    "ui-pages": ui_pages,
    "portfolio": portfolio,
    "activity-import": activity_import,
    "history-import": history_import,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: prove the suite runs")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--cases", default="all", help="comma-separated subset of case names")
    return parser


def measure(wanted: set[str] | None, smoke: bool) -> list[Record]:
    """Run the wanted cases (all when ``None``) on every configured database."""
    repeat = 3 if smoke else 15
    records = plan_build.run(repeat) if wanted is None or "plan-build" in wanted else []
    kinds = ["sqlite"] + (["postgresql"] if os.environ.get("RUNSEASON_BENCH_DATABASE_URL") else [])
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            reset_settings_cache()
            for name, case in DATABASE_CASES.items():
                if wanted is None or name in wanted:
                    with database(kind, Path(tmp)) as url:
                        records += case.run(url, kind, smoke, repeat)
    return records


def save(records: list[Record], output: Path, *, partial: bool, smoke: bool) -> None:
    """latest.json in ``output``; BENCHMARKS.md too unless smoke. A partial run keeps other rows."""
    latest = output / "latest.json"
    payload = {
        "date": NOW.isoformat(),
        "machine": {
            "arch": platform.machine(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
        },
        "smoke": smoke,
        "records": records,
    }
    previous = load(latest) if latest.exists() else None
    if partial and not smoke and previous is not None and not previous.get("smoke"):
        payload["date"] = previous["date"]  # the table's date stays that of its full run
        stamp = f"partial run of {NOW:%Y-%m-%d %H:%M} UTC"
        payload["records"] = merge_partial(records, latest, stamp)
    dump(payload, latest)
    if not smoke:
        write_markdown(payload, ROOT / "BENCHMARKS.md")


def main(argv: list[str] | None = None) -> int:
    """The command line of ``runseason bench``."""
    args = _parser().parse_args(argv)
    # Views timed in this process run with the collector tuned as the platform's processes do.
    runtime.tune_collector()
    args.output.mkdir(parents=True, exist_ok=True)
    wanted = None if args.cases == "all" else set(args.cases.split(","))
    unknown = (wanted or set()) - {"plan-build", *DATABASE_CASES}
    if unknown:
        raise SystemExit(f"unknown cases: {', '.join(sorted(unknown))}")
    records = measure(wanted, args.smoke)
    for r in records:
        print(f"{r.name:<40} {r.database:<10} {r.size:<44} {r.median:>9} {r.unit:<10} {r.ratio}")
    save(records, args.output, partial=wanted is not None, smoke=args.smoke)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
