"""The scheduler: periodic jobs run by APScheduler inside the worker.

It runs beside the refresh worker, in ``runseason worker`` or in the web process of
``runseason start`` (see ``worker.lifespan``). Several processes may run it at once: every job is
written to be run by any number of them at the same moment. A job decides from the database what
is due at ``now`` and claims each piece of work with a unique row or a compare-and-set update
before doing it (the notifications' ``notification_sends``, the refresh queue's upsert), so a job
that fires twice, late, or in two processes does each piece once, and one that missed its hour
(the worker was down) catches up on its next run.

Registering a job: write a function that takes the current time as the keyword ``now`` (an
aware UTC datetime) and opens its own ``session_scope()`` for each piece of work, so tests call it
directly with an injected clock. Then add one line to ``JOBS`` below::

    Job("webhooks.deliver", outbox.deliver_due, IntervalTrigger(seconds=5)),

or, from code that runs before the scheduler starts, ``register(Job(...))``. The trigger is any
APScheduler 3 trigger (``IntervalTrigger``, ``CronTrigger(..., timezone="UTC")``). A run that
raises is logged and the next run comes as scheduled; runs of one job never overlap in a process
and missed runs are coalesced into one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import structlog
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.interval import IntervalTrigger

from runseason.db.types import utcnow
from runseason.services import ageing, backups, import_jobs, retention
from runseason.services.notifications import jobs as notification_jobs
from runseason.services.plans import compliance
from runseason.services.refresh import rollover
from runseason.services.webhooks import delivery

log = structlog.get_logger("runseason.scheduler")


@dataclass(frozen=True)
class Job:
    """A periodic job: ``func(now=...)`` runs on ``trigger``; ``name`` is unique."""

    name: str
    func: Callable[..., object]
    trigger: BaseTrigger


JOBS: list[Job] = [
    Job("notifications.digests", notification_jobs.send_due_digests, IntervalTrigger(minutes=1)),
    Job(
        "notifications.reminders", notification_jobs.send_due_reminders, IntervalTrigger(minutes=1)
    ),
    Job("interventions.sla_ageing", ageing.wake_snoozed_interventions, IntervalTrigger(minutes=5)),
    Job("metrics.rollover", rollover.roll_over_quiet_athletes, IntervalTrigger(minutes=15)),
    Job("plans.missed", compliance.settle_missed_sessions, IntervalTrigger(minutes=30)),
    Job("retention.checkin_notes", retention.prune_checkin_notes, IntervalTrigger(hours=6)),
    Job("backups.scheduled", backups.run_scheduled_backup, IntervalTrigger(minutes=5)),
    Job("imports.queued", import_jobs.run_due, IntervalTrigger(seconds=2)),
    Job("webhooks.deliver", delivery.deliver_due, IntervalTrigger(seconds=5)),
    Job("webhooks.prune", delivery.prune_messages, IntervalTrigger(hours=6)),
]


def register(job: Job) -> None:
    """Add a job to the ones every scheduler built from now on runs (a name replaces its twin)."""
    JOBS[:] = [j for j in JOBS if j.name != job.name]
    JOBS.append(job)


def run_job(job: Job, now: Callable[[], datetime] = utcnow) -> None:
    """One run of a job at the current time; an error is logged, never raised to APScheduler."""
    try:
        job.func(now=now())
    except Exception as error:
        log.error("scheduler.job_failed", job=job.name, error=repr(error))


class Scheduler:
    """APScheduler's background scheduler (a daemon thread) with the registered jobs."""

    def __init__(self, jobs: list[Job] | None = None) -> None:
        # APScheduler logs every run at INFO; the jobs log what they did, and failures, themselves.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        self.scheduler = BackgroundScheduler(
            timezone=UTC,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        for job in JOBS if jobs is None else jobs:
            # First run at once: work missed while no worker ran is caught up at start.
            self.scheduler.add_job(
                run_job,
                job.trigger,
                args=[job],
                id=job.name,
                name=job.name,
                next_run_time=datetime.now(UTC),
            )

    def job_names(self) -> list[str]:
        """The names of the jobs this scheduler runs."""
        return sorted(job.id for job in self.scheduler.get_jobs())

    def start(self) -> None:
        """Run the jobs in APScheduler's thread."""
        self.scheduler.start()
        log.info("scheduler.started", jobs=self.job_names())

    def stop(self) -> None:
        """Stop firing jobs and wait for the runs in hand."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)
