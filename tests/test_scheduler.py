"""The scheduler: APScheduler runs the registered jobs with the current time, errors are logged."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from apscheduler.triggers.interval import IntervalTrigger
from structlog.testing import capture_logs

from runseason import scheduler, worker
from runseason.config import reset_settings_cache


def test_the_built_in_jobs_are_registered() -> None:
    names = scheduler.Scheduler().job_names()
    assert {
        "notifications.digests",
        "notifications.reminders",
        "interventions.sla_ageing",
        "metrics.rollover",
        "webhooks.deliver",
        "webhooks.prune",
    } <= set(names)


def test_a_registered_job_runs_at_once_and_again_with_an_aware_utc_now(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[datetime] = []
    twice = threading.Event()

    def job(*, now: datetime) -> None:
        seen.append(now)
        if len(seen) >= 2:
            twice.set()

    monkeypatch.setattr(scheduler, "JOBS", list(scheduler.JOBS))
    scheduler.register(scheduler.Job("test.tick", job, IntervalTrigger(seconds=0.2)))
    jobs = scheduler.Scheduler([j for j in scheduler.JOBS if j.name == "test.tick"])
    jobs.start()
    try:
        assert twice.wait(5), "the job ran at start and once more"
    finally:
        jobs.stop()
    assert all(moment.tzinfo is UTC for moment in seen)
    assert seen[0] <= seen[1]


def test_registering_a_name_again_replaces_the_job(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scheduler, "JOBS", [])
    scheduler.register(scheduler.Job("x", print, IntervalTrigger(minutes=1)))
    scheduler.register(scheduler.Job("x", repr, IntervalTrigger(minutes=2)))
    assert [(j.name, j.func) for j in scheduler.JOBS] == [("x", repr)]


def test_a_failing_run_is_logged_and_does_not_raise() -> None:
    def broken(*, now: datetime) -> None:
        raise RuntimeError(f"boom at {now:%H:%M}")

    moment = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    with capture_logs() as logged:
        scheduler.run_job(
            scheduler.Job("test.broken", broken, IntervalTrigger(minutes=1)), lambda: moment
        )
    assert logged == [
        {
            "event": "scheduler.job_failed",
            "job": "test.broken",
            "error": "RuntimeError('boom at 01:00')",
            "log_level": "error",
        }
    ]


def test_the_web_process_runs_the_scheduler_only_when_the_settings_ask(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import asyncio  # noqa: PLC0415
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    started = threading.Event()
    monkeypatch.setattr(
        scheduler,
        "JOBS",
        [scheduler.Job("test.probe", lambda **_: started.set(), IntervalTrigger(minutes=1))],
    )

    async def lifespan(wait_s: float) -> bool:
        async with worker.lifespan(None):
            return await asyncio.to_thread(started.wait, wait_s)

    def run(wait_s: float = 0.5) -> bool:
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, lifespan(wait_s)).result()

    try:
        reset_settings_cache()
        assert not run()  # tests call the jobs with their own clock
        monkeypatch.setenv("RUNSEASON_SCHEDULER", "on")
        reset_settings_cache()
        assert run(5)
        started.clear()
        monkeypatch.setenv("RUNSEASON_REFRESH_WORKER_IN_PROCESS", "false")
        reset_settings_cache()
        assert not run()  # a separate `runseason worker` runs it
    finally:
        monkeypatch.undo()
        reset_settings_cache()
