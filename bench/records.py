"""Benchmark records, their JSON file, and how a partial run folds into the last full one.

Free of side effects (unlike ``bench/harness.py``, which sets the environment): the tests import it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

UNITS = ("ms", "s", "requests/s", "MB")


@dataclass
class Record:
    """One measured case: figures in ``unit``, and a ratio to a baseline of the same run."""

    name: str
    database: str
    size: str
    unit: str
    median: float
    p95: float | None = None
    baseline: str | None = None
    baseline_median: float | None = None
    ratio: float | None = None
    target: str = ""
    extra: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r} of {self.name}")


def load(path: Path) -> dict[str, Any]:
    """A results file, its records as ``Record`` values."""
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored["records"] = [Record(**item) for item in stored.get("records", [])]
    return stored


def dump(payload: dict[str, Any], path: Path) -> None:
    """Write a results file; ``payload["records"]`` holds ``Record`` values."""
    out = {**payload, "records": [asdict(r) for r in payload["records"]]}
    path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


def merge_partial(records: list[Record], previous: Path, stamp: str) -> list[Record]:
    """A run of some cases replaces their rows in the last full results and keeps the others.

    The replaced rows say which run they come from, so a table never mixes runs silently.
    """
    if not previous.exists():
        return records
    stored = load(previous)
    if stored.get("smoke"):
        return records
    fresh = {(r.name, r.database): r for r in records}
    for r in records:
        r.extra = {**(r.extra or {}), "run": stamp}
    merged = [fresh.pop((old.name, old.database), old) for old in stored["records"]]
    for new in fresh.values():  # a row new to the table goes after its case's last row
        same = [
            i
            for i, r in enumerate(merged)
            if (case_of(r), r.database) == (case_of(new), new.database)
        ]
        merged.insert(same[-1] + 1 if same else len(merged), new)
    return merged


def case_of(record: Record) -> str:
    """The case a row belongs to: its name before any parenthesis."""
    return record.name.split(" (")[0]
