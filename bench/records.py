"""Benchmark records, and how a partial run folds into the last full one.

Free of side effects, unlike ``bench/run.py`` (which sets the environment): the tests import it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Record:
    """One measured case."""

    name: str
    database: str
    size: str
    median_ms: float
    p95_ms: float
    baseline: str | None = None
    baseline_median_ms: float | None = None
    ratio: float | None = None
    target: str = ""
    extra: dict[str, Any] | None = None


def merge_partial(records: list[Record], previous: Path, stamp: str) -> list[Record]:
    """A run of some cases replaces their rows in the last full results and keeps the others.

    The replaced rows say which run they come from, so a table never mixes runs silently.
    """
    if not previous.exists():
        return records
    stored = json.loads(previous.read_text(encoding="utf-8"))
    if stored.get("smoke"):
        return records
    fresh = {(r.name, r.database): r for r in records}
    for r in records:
        r.extra = {**(r.extra or {}), "run": stamp}
    merged: list[Record] = []
    for item in stored.get("records", []):
        old = Record(**item)
        merged.append(fresh.pop((old.name, old.database), old))
    return merged + list(fresh.values())
