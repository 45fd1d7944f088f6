"""Process-wide tuning that every long-running process of the platform applies at start."""

from __future__ import annotations

import gc

# A server process holds many long-lived objects and a request makes thousands of short-lived
# ones, so CPython's default (a collection every 700 allocations) spends much of a request
# collecting; garbage kept a little longer costs a few megabytes. Figures: docs/performance.md.
GC_THRESHOLD = (50_000, 10, 10)


def tune_collector() -> None:
    """Run the cyclic garbage collector less often (idempotent)."""
    gc.set_threshold(*GC_THRESHOLD)
