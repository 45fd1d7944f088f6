"""The refresh worker: drains the queue of ``services/refresh/queue.py``, a batch a transaction.

Beside it runs the scheduler (``scheduler.py``: APScheduler's periodic jobs, such as the morning
digests and the nightly rollover), in the same process.

It runs as its own process (``runseason worker``, the production layout: the API's processes stay
free for requests) or as a daemon thread of the web process (``runseason start``), which is what a
single small installation wants. Several workers may run at once: the queue's claim protocol
writes each job once and skips what changed since it was read.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import structlog

from runseason import runtime, scheduler
from runseason.config import Settings, get_settings
from runseason.db.session import session_scope
from runseason.db.types import utcnow
from runseason.services.refresh import queue

log = structlog.get_logger("runseason.worker")


def drain(
    *,
    now: Callable[[], datetime] = utcnow,
    limit: int | None = None,
    pause_ratio: float = 0.0,
    batch: int | None = None,
) -> int:
    """Refresh the due athletes (at most ``limit``) until a batch comes back short of ``batch``:
    caught up. How many were refreshed.

    Due athletes are refreshed ``batch`` at a time in one transaction (the settings' batch size
    without it). A batch that raises is rolled back and its jobs taken again one by one, so the
    failing job alone is kept with its error and retried later; the others go on. After each
    transaction the worker pauses ``pause_ratio`` times its duration.
    """
    size = batch or get_settings().effective_refresh_batch_size
    done = 0
    alone = 0  # jobs to take one at a time after a failed batch
    while limit is None or done < limit:
        moment = now()
        started = time.perf_counter()
        take = 1 if alone else size if limit is None else min(size, limit - done)
        try:
            refreshed = _refresh_due(moment, take)
        except queue.RefreshFailed as failure:
            if failure.batch > 1:
                log.warning(
                    "refresh.batch_failed", athletes=failure.batch, error=repr(failure.error)
                )
                alone = failure.batch
                continue
            log.error("refresh.failed", athlete_id=failure.athlete_id, error=repr(failure.error))
            with session_scope() as session:
                queue.record_failure(session, failure.athlete_id, repr(failure.error), now=moment)
            alone = max(alone - 1, 0)
            continue
        if not refreshed:
            break
        done += len(refreshed)
        alone = max(alone - len(refreshed), 0)
        if pause_ratio:
            time.sleep((time.perf_counter() - started) * pause_ratio)
        if len(refreshed) < take:
            break  # caught up: what arrives meanwhile waits for the next poll, in a fuller batch
    return done


def _refresh_due(moment: datetime, take: int) -> list[int]:
    """One batch in one transaction."""
    with session_scope() as session:
        return queue.process_due(session, now=moment, limit=take)


def pause_ratio(settings: Settings) -> float:
    """How long the worker pauses after each job, relative to the job (SQLite only)."""
    return settings.refresh_sqlite_pause_ratio if settings.is_sqlite else 0.0


class RefreshWorker:
    """A background thread that drains the queue, then sleeps ``poll_seconds`` once caught up."""

    def __init__(self, poll_seconds: float, pause_ratio: float = 0.0) -> None:
        self.poll_seconds = poll_seconds
        self.pause_ratio = pause_ratio
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start draining in a daemon thread."""
        self._thread = threading.Thread(target=self.run, name="refresh-worker", daemon=True)
        self._thread.start()

    def run(self) -> None:
        """Drain until stopped (also the body of ``runseason worker``)."""
        log.info("refresh.worker_started", poll_seconds=self.poll_seconds)
        while not self._stop.is_set():
            try:
                drain(pause_ratio=self.pause_ratio)
            except Exception as error:  # a database outage: log, wait and try again
                log.error("refresh.worker_error", error=str(error))
            self._stop.wait(self.poll_seconds)  # caught up: let the next writes gather

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the loop to end and wait for the job in hand to finish."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[dict[str, Any]]:
    """Tune the process; run a refresh worker thread and the scheduler beside it when the settings
    ask for them."""
    runtime.tune_collector()
    settings = get_settings()
    worker = None
    jobs = None
    if settings.queued_refresh and settings.refresh_worker_in_process:
        worker = RefreshWorker(settings.refresh_poll_seconds, pause_ratio(settings))
        worker.start()
    if settings.runs_scheduler and settings.refresh_worker_in_process:
        jobs = scheduler.Scheduler()
        jobs.start()
    try:
        yield {}
    finally:
        if jobs is not None:
            jobs.stop()
        if worker is not None:
            worker.stop()
