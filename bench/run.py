"""The benchmark suite: speed and scale measured as ratios against baselines taken in the same run.

Run it with ``make bench`` (or ``runseason bench``); ``--smoke`` runs tiny sizes to prove the suite
works (CI does this). Results go to ``<output>/latest.json`` and, for a full run, a table in
``BENCHMARKS.md``. PostgreSQL is measured too when ``RUNSEASON_BENCH_DATABASE_URL`` is set.

Every case runs a warm-up, then several repetitions; the median and the 95th percentile are quoted.
Nothing here is asserted: figures are recorded, and targets are shown beside them.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import os
import platform
import queue
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("RUNSEASON_ENV", "test")  # AppTest signs in through the test-only hook
os.environ.setdefault("RUNSEASON_LOG_LEVEL", "WARNING")

import httpx
import numpy as np
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from bench.records import Record, merge_partial
from runseason import runtime, worker
from runseason.config import Settings, reset_settings_cache
from runseason.db import migrate
from runseason.db.models import Athlete, TrainingLog, User
from runseason.db.session import (
    create_db_engine,
    make_session_factory,
    session_scope,
    use_session_factory,
)
from runseason.demo.bulk import seed_bulk
from runseason.demo.generator import DemoSpec, generate
from runseason.domain import training_load
from runseason.domain.library import builtin_templates
from runseason.domain.periodization import build_plan
from runseason.domain.plan_model import PlanRequest
from runseason.schemas.accounts import UserCreate
from runseason.services.identity import tokens, users
from runseason.services.identity.access import actor_for_user
from runseason.services.refresh import queue as refresh_queue
from runseason.services.refresh import snapshots
from runseason.services.views import command_center

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime.now(UTC).replace(microsecond=0)
PASSWORD = "bench password " + secrets.token_hex(4)


def timed(func: Callable[[], object], repeat: int, warmup: int = 1) -> list[float]:
    """Milliseconds of ``repeat`` runs after ``warmup`` runs."""
    for _ in range(warmup):
        func()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        out.append((time.perf_counter() - start) * 1000)
    return out


# Runs before the timed ones of a read on a pooled connection: psycopg prepares a statement at its
# fifth execution and PostgreSQL settles on a generic plan after five more, which is where a
# server's connections spend their lives. Before that every run parses and plans the statement.
# The reads (and their raw baselines) end with COMMIT, as the API ends a request: at a ROLLBACK
# psycopg forgets every statement it prepared on the connection (and sends DEALLOCATE ALL), so a
# read rolled back each time is parsed and planned each time, as no request of the platform is.
STEADY_WARMUP = 10


def med(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def p95(values: list[float]) -> float:
    return round(float(np.percentile(values, 95)), 2)


@contextmanager
def database(kind: str, workdir: Path) -> Iterator[str]:
    """A fresh, migrated database: a SQLite file, or a new PostgreSQL database beside the URL."""
    if kind == "sqlite":
        url = f"sqlite:///{workdir / f'bench-{secrets.token_hex(3)}.db'}"
        engine = create_db_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        yield url
        return
    base = make_url(os.environ["RUNSEASON_BENCH_DATABASE_URL"])
    name = f"rs_bench_{secrets.token_hex(4)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        engine = create_db_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _session(url: str) -> tuple[Session, Callable[[], None]]:
    engine = create_db_engine(url)
    factory = make_session_factory(engine)
    use_session_factory(factory)
    session = factory()

    def close() -> None:
        session.close()
        use_session_factory(None)
        engine.dispose()

    return session, close


# ---------------------------------------------------------------- cases


def case_plan_build(repeat: int) -> Record:
    start = date(2027, 1, 4)
    request = PlanRequest(
        race_distance_m=42195.0,
        race_date=start + timedelta(weeks=48) - timedelta(days=1),
        start_date=start,
        weeks=None,
        current_weekly_distance_m=50_000.0,
        level="intermediate",
        available_weekdays=frozenset({0, 1, 3, 5, 6}),
        unavailable_dates=frozenset(),
        long_run_weekday=6,
        easy_pace_s_per_km=330.0,
        goal_time_s=None,
    )
    catalogue = tuple(t.catalogue_entry() for t in builtin_templates())
    times = timed(lambda: build_plan(request, catalogue, today=start), repeat)
    sessions = sum(len(w.sessions) for w in build_plan(request, catalogue, today=start).weeks)
    return Record(
        "plan-build",
        "-",
        f"48 weeks, {sessions} sessions",
        med(times),
        p95(times),
        target="<= 50 ms",
    )


def case_caseload(url: str, db_name: str, sizes: list[int], days: int, repeat: int) -> list[Record]:
    return [_caseload_one(url, db_name, size, days, repeat) for size in sizes]


def _caseload_one(url: str, db_name: str, size: int, days: int, repeat: int) -> Record:
    session, close = _session(url)
    history = days if size <= 2000 else min(days, 30)
    started = time.perf_counter()
    result = seed_bulk(
        session,
        athletes=size,
        coaches=max(1, size // 200),
        days=history,
        seed=size,
        today=NOW,
        slug=f"caseload-{size}",
    )
    session.commit()
    seeded_s = round(time.perf_counter() - started, 1)
    admin_id = _admin(session, result.organization_id)
    admin = session.get(User, admin_id)
    assert admin is not None
    actor = actor_for_user(session, admin)
    session.commit()

    def view(a: Any = actor) -> object:
        with session_scope() as scoped:  # as the API runs a request: committed at the end
            return command_center.get_caseload(scoped, a, page=1, page_size=50, sort="risk")

    raw_sql = text(
        "SELECT a.id, a.display_name, s.* FROM athletes a "
        "LEFT JOIN athlete_snapshots s ON s.athlete_id = a.id "
        "WHERE a.organization_id = :org AND a.is_active "
        "ORDER BY s.risk DESC, a.display_name, a.id LIMIT 50"
    )
    engine = session.get_bind()

    def raw(org: int = result.organization_id) -> object:
        with engine.begin() as connection:  # ended as the view's transaction is
            return connection.execute(raw_sql, {"org": org}).all()

    times = timed(view, repeat, warmup=STEADY_WARMUP)
    base = timed(raw, repeat, warmup=STEADY_WARMUP)
    target = "<= 150 ms at 2,000; <= 400 ms at 20,000; <= 3x raw"
    record = Record(
        "caseload",
        db_name,
        f"{size} athletes, {history} days",
        med(times),
        p95(times),
        "raw SQL read of the same rows",
        med(base),
        round(med(times) / med(base), 2),
        target,
        {"seed_seconds": seeded_s, "metric_rows": result.metric_rows},
    )
    close()
    return record


def _admin(session: Session, org_id: int) -> int:
    created = users.create_user(
        session,
        None,
        UserCreate(email=f"admin{org_id}@bench.example.com", full_name="Bench Admin", role="admin"),
        now=NOW,
        organization_id=org_id,
        password=PASSWORD,
    )
    session.commit()
    return created.user.id


def case_command_center(url: str, db_name: str, athletes: int, repeat: int) -> Record:
    session, close = _session(url)
    result = seed_bulk(
        session,
        athletes=athletes,
        coaches=1,
        days=30,
        seed=7,
        today=NOW,
        slug="command-center",
        with_metrics=False,
    )
    session.commit()
    coach = session.get(User, result.coach_user_ids[0])
    assert coach is not None
    actor = actor_for_user(session, coach)
    session.commit()

    def view() -> object:
        with session_scope() as scoped:  # as the API runs a request: committed at the end
            return command_center.get_command_center(scoped, actor, now=NOW, page_size=25)

    raw_sql = text(
        "SELECT i.* FROM interventions i JOIN coach_assignments c ON c.athlete_id = i.athlete_id "
        "AND c.coach_id = :coach AND c.ended_at IS NULL "
        "WHERE i.organization_id = :org AND i.status IN ('open', 'acknowledged') "
        "ORDER BY i.opened_at LIMIT 25"
    )
    engine = session.get_bind()
    params = {"coach": coach.id, "org": result.organization_id}
    samples = repeat * 4  # a few milliseconds each: more samples for a steadier median
    times = timed(view, samples, warmup=STEADY_WARMUP)

    def raw() -> object:
        with engine.begin() as connection:  # ended as the view's transaction is
            return connection.execute(raw_sql, params).all()

    base = timed(raw, samples, warmup=STEADY_WARMUP)
    close()
    return Record(
        "command-center",
        db_name,
        f"1 coach, {athletes} athletes, {result.interventions} open",
        med(times),
        p95(times),
        "raw SQL read of the open interventions",
        med(base),
        round(med(times) / med(base), 2),
        "<= 100 ms; <= 3x baseline",
    )


def case_metrics(url: str, db_name: str, athletes: int, days: int, repeat: int) -> list[Record]:
    """A real back-dated edit (a logged session's load, ``days - 30`` days back), then the refresh.

    Only the refresh is timed: the daily inputs of the changed days, the metrics of the history
    (computed on read), the snapshot and the risk engine's assessment of today. For all athletes,
    the refresh worker drains their queued jobs in its batches.
    """
    session, close = _session(url)
    result = seed_bulk(
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
    back = NOW.date() - timedelta(days=days - 30)
    ids = result.athlete_ids
    # The first logged session on or after ``back`` of each athlete: the one the edit changes.
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

    one_times = []
    for run in range(repeat + 1):  # the first is the warm-up
        day = edit(ids[0])
        started = time.perf_counter()
        # As the log correction does: the day the session is on changed.
        snapshots.refresh_after_change(session, ids[0], day, now=NOW, to_day=day)
        session.commit()
        if run:
            one_times.append((time.perf_counter() - started) * 1000)
    # Every athlete's edit queued as the correction queues it, then the worker drains the queue
    # in its batches (one transaction each), as a worker catching up after an import would.
    for athlete_id in ids:
        day = edit(athlete_id)
        refresh_queue.enqueue(session, athlete_id, result.organization_id, day, now=NOW, to_day=day)
    session.commit()
    # The batch size the worker takes on this database (its settings' default unless set).
    batch = Settings(database_url=url).effective_refresh_batch_size
    started = time.perf_counter()
    drained = worker.drain(now=lambda: NOW, batch=batch)
    all_ms = (time.perf_counter() - started) * 1000
    if drained != len(ids):
        raise RuntimeError(f"the worker refreshed {drained} of {len(ids)} athletes")
    rng = np.random.default_rng(1)
    loads = rng.uniform(0, 200, days)
    runs = np.where(loads > 0, rng.uniform(3000, 30000, days), 0.0)
    numpy_ms = timed(lambda: [training_load.series(loads, runs) for _ in ids], 1)
    close()
    return [
        Record(
            "metrics-recompute (one athlete)",
            db_name,
            f"{days} days, edit {days - 30} days back",
            med(one_times),
            p95(one_times),
            target="<= 20 ms",
        ),
        Record(
            "metrics-recompute (all)",
            db_name,
            f"{athletes} athletes x {days} days, batches of {batch}",
            round(all_ms, 1),
            round(all_ms, 1),
            "numpy arithmetic, no database",
            med(numpy_ms),
            round(all_ms / med(numpy_ms), 1),
            "<= 5 s for 2,000 x 2 years",
        ),
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def api_server(url: str, refresh: str = "queued", worker: str = "process") -> Iterator[str]:
    """``runseason serve api`` on a free port. With ``refresh="queued"`` the refresh worker runs
    as a separate ``runseason worker`` process (``worker="process"``) or as a thread of the API
    process (``worker="thread"``, the default of ``runseason serve api``)."""
    port = _free_port()
    env = {**os.environ, "RUNSEASON_DATABASE_URL": url, "RUNSEASON_ENV": "dev"}
    env["RUNSEASON_SECURITY__API_RATE_PER_USER"] = "100000/minute"
    env["RUNSEASON_METRICS_REFRESH"] = refresh
    env["RUNSEASON_REFRESH_WORKER_IN_PROCESS"] = str(worker == "thread").lower()
    env["RUNSEASON_REFRESH_POLL_SECONDS"] = "0.05"
    env["RUNSEASON_LOG_LEVEL"] = "WARNING"
    binary = str(Path(sys.executable).parent / "runseason")
    commands = [[binary, "serve", "api", "--port", str(port)]]
    if refresh == "queued" and worker == "process":
        commands.append([binary, "worker"])
    processes = [
        subprocess.Popen(c, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for c in commands
    ]
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{base}/api/v1/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def _open_loop(
    call: Callable[[httpx.Client], int], rate: float, seconds: float, senders: int = 32
) -> tuple[list[float], int]:
    """Send at a fixed rate whatever the answers' speed; latency counts from the scheduled time.

    The senders' HTTP clients are made before the clock starts: making 32 of them (an SSL context
    each) took about a second of the generator's own time, which earlier runs charged to the
    first hundred requests.
    """
    latencies: list[float] = []
    errors = 0
    codes: dict[int, int] = {}
    lock = threading.Lock()
    idle: queue.SimpleQueue[httpx.Client] = queue.SimpleQueue()
    clients = [httpx.Client(timeout=30) for _ in range(senders)]
    for client in clients:
        idle.put(client)
    total = int(rate * seconds)

    def fire(scheduled: float) -> None:
        nonlocal errors
        client = idle.get()
        try:
            status = call(client)
        finally:
            idle.put(client)
        with lock:
            latencies.append((time.perf_counter() - scheduled) * 1000)
            if status >= 400:
                errors += 1
                codes[status] = codes.get(status, 0) + 1

    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    with ThreadPoolExecutor(max_workers=senders) as pool:
        for _ in pool.map(lambda _: None, range(senders)):  # start the threads before the clock
            pass
        start = time.perf_counter()
        for i in range(total):
            scheduled = start + i / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(fire, scheduled)
    for client in clients:
        client.close()
    if errors:
        print(f"  warning: {errors} error responses {codes}", file=sys.stderr)
    return latencies, errors


def _throughput(call: Callable[[httpx.Client], int], seconds: float, workers: int = 16) -> float:
    done = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker() -> None:
        nonlocal done
        with httpx.Client(timeout=30) as client:
            while time.perf_counter() < stop:
                call(client)
                with lock:
                    done += 1

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return round(done / seconds, 1)


class QueueWatch:
    """Samples the refresh queue's depth in a thread; then times how long it takes to empty."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)  # plain reads: no BEGIN IMMEDIATE competing for SQLite
        self.max_depth = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def depth(self) -> int:
        with self.engine.connect() as connection:
            return int(
                connection.execute(text("SELECT count(*) FROM metric_refresh_jobs")).one()[0]
            )

    def _sample(self) -> None:
        while not self._stop.wait(0.25):
            self.max_depth = max(self.max_depth, self.depth())

    def __enter__(self) -> QueueWatch:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def drained_after(self, limit: float = 300.0) -> float:
        """Seconds from now until no athlete waits for a refresh."""
        started = time.perf_counter()
        while self.depth() and time.perf_counter() - started < limit:
            time.sleep(0.05)
        return round(time.perf_counter() - started, 2)


LAYOUTS = {
    # The layout each database is served in by default: on SQLite one process with the worker as
    # a thread (``runseason start``), whose writers take turns in-process; on PostgreSQL the API
    # with a separate ``runseason worker`` process (the production layout in the README).
    "sqlite": ("thread", "process"),
    "postgresql": ("process", "thread"),
}


def case_checkin_api(
    url: str, db_name: str, rate: float, seconds: float, history_days: int
) -> list[Record]:
    """The morning rush: every check-in is a different athlete with a year of logged history.

    The throughput phase has athletes of its own (as many again as the latency phase): taking up
    the latency phase's athletes, it measured a second check-in of the same day (an update)
    instead of the morning's first.

    Measured three times on the same data: with the coach-facing recompute queued to the refresh
    worker in the database's default layout (the product's default outside tests), in the other
    layout, and inline on the request (the design before the queue).
    """
    per_phase = int(rate * seconds)
    light_rate = rate * 0.4  # below saturation: what an athlete sees on an ordinary morning
    light_phase = int(light_rate * seconds)
    main_layout, other_layout = LAYOUTS[db_name]
    # Inline needs no worker: "process" with refresh inline starts none.
    phases = [("queued", main_layout), ("queued", other_layout), ("inline", "process")]
    session, close = _session(url)
    seeded = seed_bulk(
        session,
        athletes=len(phases) * 2 * per_phase + light_phase,
        coaches=max(1, per_phase // 100),
        days=history_days,
        seed=11,
        today=NOW,
        slug="api-bench",
        with_logs=True,
    )
    session.commit()
    pairs = session.execute(
        select(User, Athlete.id)
        .join(Athlete, Athlete.user_id == User.id)
        .where(Athlete.organization_id == seeded.organization_id)
        .order_by(Athlete.id)
    ).all()
    issued = datetime.now(UTC)
    bearer = [
        (
            aid,
            {"Authorization": f"Bearer {tokens.issue_tokens(session, u, now=issued).access_token}"},
        )
        for u, aid in pairs
    ]
    session.commit()
    close()
    body = {"sleep_quality": 3, "energy": 4, "recovery": 3, "stress": 4}
    records: list[Record] = []
    floor: list[float] = []
    peak_row = peak_const = 0.0
    for phase, (refresh, layout) in enumerate(phases):
        athletes = bearer[2 * phase * per_phase : (2 * phase + 1) * per_phase]
        fresh = bearer[(2 * phase + 1) * per_phase : (2 * phase + 2) * per_phase]
        counter = iter(range(10**9))
        main = phase == 0

        def checkin(
            client: httpx.Client, group: list[Any] = athletes, count: Iterator[int] = counter
        ) -> int:
            athlete_id, headers = group[next(count) % len(group)]
            return client.post(
                f"{base}/api/v1/athletes/{athlete_id}/checkins", json=body, headers=headers
            ).status_code

        with api_server(url, refresh, layout) as base:
            with httpx.Client(timeout=30) as warm:  # first requests load modules and the pool
                for _ in range(10):
                    warm.get(f"{base}/api/v1/me", headers=athletes[-1][1])
                for _ in range(5):
                    checkin(warm, athletes[-5:], iter(range(5)))
            watch = QueueWatch(url)
            watch.drained_after()  # the warm-up's jobs are done before the clock starts
            with watch:
                latencies, errors = _open_loop(checkin, rate, seconds)
            drained = watch.drained_after()
            if main:

                def one_row(client: httpx.Client, h: dict[str, str] = bearer[0][1]) -> int:
                    return client.get(f"{base}/api/v1/me", headers=h).status_code

                def constant(client: httpx.Client) -> int:
                    return client.get(f"{base}/api/v1/healthz").status_code

                floor, _ = _open_loop(one_row, rate, seconds)
                peak_row = _throughput(one_row, max(2.0, seconds / 4))
                peak_const = _throughput(constant, max(2.0, seconds / 4))
            span = max(2.0, seconds / 4)
            fresh_call = functools.partial(checkin, group=fresh, count=iter(range(10**9)))
            peak = _throughput(fresh_call, span)
            second = max(0, round(peak * span) - len(fresh))  # beyond the fresh athletes
            watch.drained_after()
            if main:
                light = bearer[len(phases) * 2 * per_phase :]
                light_call = functools.partial(checkin, group=light, count=iter(range(10**9)))
                light_latencies, light_errors = _open_loop(light_call, light_rate, seconds)
                light_drained = watch.drained_after()
            watch.engine.dispose()
        label = (
            ", refresh inline" if refresh == "inline" else ("" if main else f", worker {layout}")
        )
        where = f"worker {layout}" if refresh == "queued" else "refresh on the request"
        records += [
            Record(
                f"checkin-api (latency{label})",
                db_name,
                f"{rate:.0f} req/s for {seconds:.0f} s, open loop, {per_phase} athletes, {where}",
                med(latencies),
                p95(latencies),
                "GET /me (one row) at the same rate",
                med(floor),
                round(p95(latencies) / max(p95(floor), 0.01), 2),
                "p95 <= 50 ms at 100/s",
                {
                    "errors": errors,
                    "max_queue_depth": watch.max_depth,
                    "queue_empty_after_s": drained,
                    "history_days": history_days,
                    "one_row_p95_ms": p95(floor),
                },
            ),
            *(
                [
                    Record(
                        "checkin-api (latency below saturation)",
                        db_name,
                        f"{light_rate:.0f} req/s for {seconds:.0f} s, open loop, "
                        f"{light_phase} athletes, {where}",
                        med(light_latencies),
                        p95(light_latencies),
                        "GET /me (one row) at 100/s",
                        med(floor),
                        round(p95(light_latencies) / max(p95(floor), 0.01), 2),
                        "(context: the same check-in at 40 % of the offered load)",
                        {"errors": light_errors, "queue_empty_after_s": light_drained},
                    )
                ]
                if main
                else []
            ),
            Record(
                f"checkin-api (max throughput{label})",
                db_name,
                f"16 closed-loop clients, {where}",
                round(1000 / peak, 2) if peak else 0.0,
                0.0,
                "one-row endpoint throughput",
                round(1000 / peak_row, 2) if peak_row else None,
                round(peak / peak_row, 2) if peak_row else None,
                ">= 50% of the one-row baseline",
                {
                    "checkin_rps": peak,
                    "one_row_rps": peak_row,
                    "constant_rps": peak_const,
                    "athletes": len(fresh),
                    "second_checkins": second,
                },
            ),
        ]
    return records


def case_ui_pages(url: str, db_name: str, athletes: int, repeat: int) -> list[Record]:
    from streamlit.testing.v1 import AppTest  # noqa: PLC0415

    session, close = _session(url)
    result = seed_bulk(
        session,
        athletes=athletes,
        coaches=1,
        days=60,
        seed=9,
        today=NOW,
        slug="ui-bench",
    )
    session.commit()
    coach_id = result.coach_user_ids[0]
    close()
    engine = create_db_engine(url)
    use_session_factory(make_session_factory(engine))
    app = str(ROOT / "src" / "runseason" / "ui" / "app.py")
    pages = ROOT / "src" / "runseason" / "ui" / "pages"
    out = []
    for page in ("command_center", "caseload"):
        at = AppTest.from_file(app, default_timeout=120)
        at.session_state["test_user_id"] = coach_id
        at.run()
        at.switch_page(str(pages / f"{page}.py"))

        def run(at: AppTest = at) -> None:
            at.run()
            if at.exception:
                raise RuntimeError(at.exception[0].message)

        times = timed(run, repeat)
        out.append(
            Record(
                f"ui-pages ({page})",
                db_name,
                f"{athletes} athletes",
                med(times),
                p95(times),
                target="<= 300 ms per run",
            )
        )
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    at = AppTest.from_file(app, default_timeout=120)
    at.session_state["test_user_id"] = coach_id
    at.run()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    grown = sum(s.size_diff for s in after.compare_to(before, "filename")) / 1e6
    out.append(
        Record(
            "ui-pages (session memory)",
            db_name,
            "one idle session",
            round(grown, 1),
            round(grown, 1),
            target="<= 30 MB per session (figure in MB, not ms)",
        )
    )
    use_session_factory(None)
    engine.dispose()
    return out


def case_generator(url: str, db_name: str, smoke: bool) -> list[Record]:
    """The season generator: the service path (the demo) and the bulk path (benchmark volumes)."""
    spec = DemoSpec(athletes=3, weeks=2) if smoke else DemoSpec()
    session, close = _session(url)
    started = time.perf_counter()
    result = generate(session, spec, today=NOW)
    session.commit()
    service_s = time.perf_counter() - started
    athletes, days = (20, 30) if smoke else (2000, 364)
    started = time.perf_counter()
    bulk = seed_bulk(
        session,
        athletes=athletes,
        coaches=max(1, athletes // 200),
        days=days,
        seed=52,
        today=NOW,
        slug="generator-bulk",
        with_logs=True,
    )
    session.commit()
    bulk_s = time.perf_counter() - started
    close()
    return [
        Record(
            "generator (services, the demo)",
            db_name,
            f"{spec.athletes} athletes x {spec.weeks} weeks",
            round(service_s * 1000, 1),
            round(service_s * 1000, 1),
            target="the demo within a minute of make run",
            extra={"checkins": result.checkins, "sessions": result.sessions},
        ),
        Record(
            "generator (bulk path)",
            db_name,
            f"{athletes} athletes x {days} days",
            round(bulk_s * 1000, 1),
            round(bulk_s * 1000, 1),
            target="2,000 athletes x 52 weeks in a few minutes",
            extra={"metric_rows": bulk.metric_rows},
        ),
    ]


# ---------------------------------------------------------------- report


def _or_dash(value: float | None) -> str:
    return "-" if value is None else str(value)


def write_markdown(records: list[Record], path: Path) -> None:
    lines = [
        "# Benchmarks",
        "",
        f"Measured {NOW:%Y-%m-%d} on {platform.machine()} with {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, by `make bench` (`bench/run.py`). Medians after a "
        "warm-up; ratios are taken against a baseline measured in the same run, because the "
        "machine is shared and absolute times drift.",
        "",
        "| case | database | size | median ms | p95 ms | baseline | baseline ms | ratio | target |",
        "| --- | --- | --- | ---: | ---: | --- | ---: | ---: | --- |",
    ]
    for r in records:
        lines.append(
            f"| {r.name} | {r.database} | {r.size} | {r.median_ms} | {r.p95_ms} | "
            f"{r.baseline or '-'} | {_or_dash(r.baseline_median_ms)} "
            f"| {_or_dash(r.ratio)} | {r.target} |"
        )
    extras = [r for r in records if r.extra]
    if extras:
        lines += ["", "Details:", ""]
        lines += [f"- {r.name} ({r.database}, {r.size}): {json.dumps(r.extra)}" for r in extras]
    notes = ROOT / "bench" / "NOTES.md"
    if notes.exists():
        lines += ["", notes.read_text(encoding="utf-8").strip()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: prove the suite runs")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--cases", default="all", help="comma-separated subset of case names")
    args = parser.parse_args(argv)
    # The views and refreshes timed in this process run as in the platform's own processes,
    # which tune the collector at start (``runseason.runtime``).
    runtime.tune_collector()
    args.output.mkdir(parents=True, exist_ok=True)
    wanted = set(args.cases.split(",")) if args.cases != "all" else None

    def want(name: str) -> bool:
        return wanted is None or name in wanted

    smoke = args.smoke
    repeat = 3 if smoke else 15
    kinds = ["sqlite"] + (["postgresql"] if os.environ.get("RUNSEASON_BENCH_DATABASE_URL") else [])
    records: list[Record] = []
    if want("plan-build"):
        records.append(case_plan_build(repeat))
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            reset_settings_cache()
            if want("caseload"):
                sizes = [50] if smoke else [200, 2000, 20000]
                with database(kind, Path(tmp)) as url:
                    records += case_caseload(url, kind, sizes, 30 if smoke else 365, repeat)
            if want("command-center"):
                with database(kind, Path(tmp)) as url:
                    records.append(case_command_center(url, kind, 20 if smoke else 200, repeat))
            if want("metrics-recompute"):
                with database(kind, Path(tmp)) as url:
                    size = (
                        (5, 60)
                        if smoke
                        else (int(os.environ.get("BENCH_METRICS_ATHLETES", "2000")), 730)
                    )
                    records += case_metrics(url, kind, size[0], size[1], repeat)
            if want("checkin-api"):
                with database(kind, Path(tmp)) as url:
                    seconds = 2 if smoke else float(os.environ.get("BENCH_CHECKIN_SECONDS", "20"))
                    records += case_checkin_api(
                        url, kind, 20 if smoke else 100, seconds, 30 if smoke else 365
                    )
            if want("generator"):
                with database(kind, Path(tmp)) as url:
                    records += case_generator(url, kind, smoke)
            if want("ui-pages"):
                with database(kind, Path(tmp)) as url:
                    records += case_ui_pages(url, kind, 30 if smoke else 500, repeat)
    for r in records:
        print(f"{r.name:<34} {r.database:<10} {r.size:<40} {r.median_ms:>9} ms  ratio {r.ratio}")
    if wanted is not None and not smoke:
        stamp = f"partial run {NOW:%Y-%m-%d %H:%M} UTC"
        records = merge_partial(records, args.output / "latest.json", stamp)
    payload = {
        "date": NOW.isoformat(),
        "machine": {
            "arch": platform.machine(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
        },
        "smoke": smoke,
        "records": [asdict(r) for r in records],
    }
    (args.output / "latest.json").write_text(json.dumps(payload, indent=2), encoding="utf-8")
    if not smoke:
        write_markdown(records, ROOT / "BENCHMARKS.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
