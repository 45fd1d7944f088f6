"""The refresh worker: its thread in the web process, its pauses and its batches."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason import worker
from runseason.config import Settings, reset_settings_cache
from runseason.db.models import MetricRefreshJob
from runseason.db.session import session_scope
from runseason.services.refresh import queue
from tests.factories import NOW, World
from tests.services.refresh.test_queue import queued  # noqa: F401 (the fixture)


def test_the_web_process_lifespan_runs_a_worker_thread_only_when_queued(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import asyncio  # noqa: PLC0415
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    calls: list[int] = []
    monkeypatch.setattr(worker, "drain", lambda **_: calls.append(1) or 0)

    def threads() -> set[str]:
        return {t.name for t in threading.enumerate()}

    async def lifespan() -> tuple[bool, bool]:
        async with worker.lifespan(None):
            await asyncio.sleep(0.05)
            inside = "refresh-worker" in threads()
        return inside, "refresh-worker" in threads()

    def run() -> tuple[bool, bool]:
        # A thread of its own: another test's browser may leave an event loop in this one.
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, lifespan()).result()

    reset_settings_cache()
    assert run() == (False, False)  # the test profile refreshes inline
    monkeypatch.setenv("RUNSEASON_METRICS_REFRESH", "queued")
    monkeypatch.setenv("RUNSEASON_REFRESH_POLL_SECONDS", "0.01")
    reset_settings_cache()
    try:
        assert run() == (True, False)
        assert calls, "the thread drained the queue"
        monkeypatch.setenv("RUNSEASON_REFRESH_WORKER_IN_PROCESS", "false")
        reset_settings_cache()
        assert run() == (False, False)  # a separate `runseason worker` does it
    finally:
        monkeypatch.undo()
        reset_settings_cache()


@pytest.mark.usefixtures("queued")
def test_on_sqlite_the_worker_pauses_after_each_batch_so_requests_get_the_writer(
    db: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    for athlete in (world.greta, world.riley):
        queue.enqueue(db, athlete.id, world.north.id, NOW.date(), now=NOW)
    pauses: list[float] = []
    monkeypatch.setattr(worker.time, "sleep", pauses.append)
    assert worker.drain(now=lambda: NOW, pause_ratio=1.5, batch=1) == 2
    assert len(pauses) == 2  # one transaction per job: a pause after each
    assert all(p > 0 for p in pauses)
    for athlete in (world.greta, world.riley):
        queue.enqueue(db, athlete.id, world.north.id, NOW.date(), now=NOW)
    assert worker.drain(now=lambda: NOW, pause_ratio=1.5) == 2
    assert len(pauses) == 3  # both in one batch: one pause after it
    sqlite = Settings(database_url="sqlite:///x.db")
    postgres = Settings(database_url="postgresql+psycopg://u@h/db")
    assert worker.pause_ratio(sqlite) == 1.0
    assert worker.pause_ratio(postgres) == 0.0
    # Batches are shorter on SQLite, where a waiting request waits for the batch's writes.
    assert (sqlite.effective_refresh_batch_size, postgres.effective_refresh_batch_size) == (25, 100)
    chosen = Settings(database_url="sqlite:///x.db", refresh_batch_size=3)
    assert chosen.effective_refresh_batch_size == 3


@pytest.mark.usefixtures("queued")
def test_the_worker_takes_full_batches_at_once_and_leaves_latecomers_for_the_next_poll(
    db: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under a stream of writes, going round at once refreshed two or three athletes a batch."""
    for athlete in (world.greta, world.riley, world.ramp):
        queue.enqueue(db, athlete.id, world.north.id, NOW.date(), now=NOW)
    taken: list[int] = []
    refresh_due = worker._refresh_due

    def counting(moment: Any, take: int) -> list[int]:
        done = refresh_due(moment, take)
        taken.append(len(done))
        if len(taken) == 2:  # a check-in arrives while the worker is busy
            with session_scope() as session:
                queue.enqueue(session, world.sam.id, world.south.id, NOW.date(), now=NOW)
        return done

    monkeypatch.setattr(worker, "_refresh_due", counting)
    assert worker.drain(now=lambda: NOW, batch=2) == 3
    assert taken == [2, 1]  # a full batch, then a short one: caught up
    waiting = db.scalars(select(MetricRefreshJob.athlete_id)).all()
    assert waiting == [world.sam.id]  # the latecomer waits for the next poll
    assert worker.drain(now=lambda: NOW, batch=2) == 1
