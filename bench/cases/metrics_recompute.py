"""metrics-recompute: a back-dated edit refreshed for one athlete, then drained for all.

Only the refresh is timed: the changed days' inputs, the metrics of the history (computed on read),
the snapshot and the risk engine's assessment of today.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable
from datetime import date, timedelta

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bench.harness import NOW, med, open_session, p95, timed
from bench.records import Record
from runseason import worker
from runseason.config import Settings
from runseason.db.models import TrainingLog
from runseason.demo.bulk import seed_bulk
from runseason.domain import training_load
from runseason.services.refresh import queue as refresh_queue
from runseason.services.refresh import snapshots

Edit = Callable[[int], date]


def run(url: str, db_name: str, smoke: bool, repeat: int) -> list[Record]:
    """One athlete's refresh ``repeat`` times, then every athlete's through the worker's queue."""
    athletes = 5 if smoke else int(os.environ.get("BENCH_METRICS_ATHLETES", "2000"))
    days = 60 if smoke else 730
    session, close = open_session(url)
    seeded = seed_bulk(
        session,
        athletes=athletes,
        coaches=1,
        days=days,
        seed=3,
        today=NOW,
        slug="metrics",
        with_logs=True,
    )
    session.commit()
    ids = seeded.athlete_ids
    edit = _editor(session, ids, NOW.date() - timedelta(days=days - 30))
    one = _one_athlete(session, edit, ids[0], repeat)
    batch = Settings(database_url=url).effective_refresh_batch_size  # the worker's own default
    all_ms = _all_athletes(session, edit, ids, seeded.organization_id, batch)
    numpy_ms = med(_numpy_baseline(len(ids), days))
    close()
    return [
        Record(
            "metrics-recompute (one athlete)",
            db_name,
            f"{days} days, edit {days - 30} days back",
            "ms",
            med(one),
            p95(one),
            target="<= 20 ms",
        ),
        Record(
            "metrics-recompute (all)",
            db_name,
            f"{athletes} athletes x {days} days, batches of {batch}",
            "s",
            round(all_ms / 1000, 2),
            None,
            "numpy arithmetic, no database",
            round(numpy_ms / 1000, 2),
            round(all_ms / numpy_ms, 1),
            "<= 5 s for 2,000 x 2 years",
        ),
    ]


def _editor(session: Session, ids: list[int], back: date) -> Edit:
    """Nudges the load of each athlete's first session on or after ``back``; returns its day."""
    edited = dict(
        session.execute(
            select(TrainingLog.athlete_id, func.min(TrainingLog.id))
            .where(TrainingLog.athlete_id.in_(ids), TrainingLog.local_date >= back)
            .group_by(TrainingLog.athlete_id)
        ).all()
    )
    edits = itertools.count()

    def edit(athlete_id: int) -> date:
        log = session.get_one(TrainingLog, edited[athlete_id])
        log.load += 1.0 if next(edits) % 2 else -1.0
        session.flush()
        return log.local_date

    return edit


def _one_athlete(session: Session, edit: Edit, athlete_id: int, repeat: int) -> list[float]:
    times = []
    for run_index in range(repeat + 1):  # the first is the warm-up
        day = edit(athlete_id)
        started = time.perf_counter()
        # As the log correction does: the day the session is on changed.
        snapshots.refresh_after_change(session, athlete_id, day, now=NOW, to_day=day)
        session.commit()
        if run_index:
            times.append((time.perf_counter() - started) * 1000)
    return times


def _all_athletes(session: Session, edit: Edit, ids: list[int], org_id: int, batch: int) -> float:
    """Every edit queued as a correction queues it, then drained as a worker catching up would."""
    for athlete_id in ids:
        day = edit(athlete_id)
        refresh_queue.enqueue(session, athlete_id, org_id, day, now=NOW, to_day=day)
    session.commit()
    started = time.perf_counter()
    drained = worker.drain(now=lambda: NOW, batch=batch)
    elapsed_ms = (time.perf_counter() - started) * 1000
    if drained != len(ids):
        raise RuntimeError(f"the worker refreshed {drained} of {len(ids)} athletes")
    return elapsed_ms


def _numpy_baseline(athletes: int, days: int) -> list[float]:
    """The load arithmetic of every athlete's history alone, one history at a time."""
    rng = np.random.default_rng(1)
    loads = rng.uniform(0, 200, days)
    runs = np.where(loads > 0, rng.uniform(3000, 30000, days), 0.0)
    return timed(lambda: [training_load.series(loads, runs) for _ in range(athletes)], 1)
