"""many-clients: twenty people at once on the API served with two workers, beside FitTrackee.

A coach with 200 athletes and a year of logged sessions each; 20 closed-loop clients, in a
process of their own (``bench/client.py``), each cycling through an athlete's session list
(``GET /athletes/{id}/logs``, the default page of 30), the coach's caseload (``GET /caseload``)
and ``GET /me`` (as the athlete, then as the coach). Each client is a different athlete. The
API runs as production serves it (``runseason serve api --workers 2``, the refresh worker a
process of its own, the product's log level), so every request pays for its request log line.

FitTrackee 1.3.6's figures are theirs, not measured here: 2 workers on the same kind of machine,
119-127 requests/s at p95 172-190 ms on its session list.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import numpy as np
from sqlalchemy import select
from sqlalchemy.engine import make_url

from bench.harness import NOW, ROOT, open_session
from bench.load import (
    API_PIDS,
    api_server,
    backends_cpu_between,
    backends_cpu_s,
    process_tree_cpu_s,
)
from bench.records import Record
from runseason.db.models import Athlete, User
from runseason.demo.bulk import seed_bulk
from runseason.services.identity import tokens

CLIENTS = 20
WORKERS = 2
FITTRACKEE_RPS = (119, 127)
FITTRACKEE_P95_MS = (172, 190)
THROUGHPUT_TARGET = f">= 3x FitTrackee's throughput (>= {3 * FITTRACKEE_RPS[1]} req/s)"
LATENCY_TARGET = "p95 <= 50 ms"
ROUTES = {"sessions": "session list", "caseload": "caseload", "me": "/me"}

Headers = dict[str, str]


@dataclass
class Size:
    """The organization and the load."""

    athletes: int
    days: int
    warmup_s: float
    seconds: float

    def describe(self) -> str:
        return (
            f"{CLIENTS} closed-loop clients for {self.seconds:.0f} s, {WORKERS} API workers, "
            f"{self.athletes} athletes, {self.days} days"
        )


@dataclass
class Window:
    """What the measured window cost each side, and how busy the machine was."""

    server_cpu_s: float
    database_cpu_s: float
    client_cpu_s: float
    load_average: tuple[float, float]


def run(url: str, db_name: str, smoke: bool, _repeat: int) -> list[Record]:
    """Throughput and latency per route and overall."""
    seconds = float(os.environ.get("BENCH_MANY_CLIENTS_SECONDS", "20"))
    size = Size(20, 30, 1.0, 2.0) if smoke else Size(200, 365, 3.0, seconds)
    coach, athletes = _signed_in(url, size)
    # Production's log level and format: each request's JSON log line is part of its cost.
    env = {
        "RUNSEASON_LOG_LEVEL": "INFO",
        "RUNSEASON_LOG_FORMAT": "json",
        "RUNSEASON_REFRESH_POLL_SECONDS": "0.2",
    }
    with api_server(url, "queued", "process", workers=WORKERS, env=env) as base:
        result, window = _drive(base, url, db_name, _plan(base, coach, athletes, size))
    return _records(db_name, size, result, window)


def _signed_in(url: str, size: Size) -> tuple[Headers, list[tuple[int, Headers]]]:
    """The coach's headers; the first ``CLIENTS`` athletes' ids and headers."""
    session, close = open_session(url)
    seeded = seed_bulk(
        session,
        athletes=size.athletes,
        coaches=1,
        days=size.days,
        seed=20,
        today=NOW,
        slug="many-clients",
        with_logs=True,
    )
    session.commit()
    issued = datetime.now(UTC)

    def bearer(user: User) -> Headers:
        pair = tokens.issue_tokens(session, user, now=issued)
        return {"Authorization": f"Bearer {pair.access_token}"}

    coach = bearer(session.get_one(User, seeded.coach_user_ids[0]))
    pairs = session.execute(
        select(User, Athlete.id)
        .join(Athlete, Athlete.user_id == User.id)
        .where(Athlete.organization_id == seeded.organization_id)
        .order_by(Athlete.id)
        .limit(CLIENTS)
    ).all()
    athletes = [(aid, bearer(user)) for user, aid in pairs]
    session.commit()
    close()
    return coach, athletes


def _plan(
    base: str, coach: Headers, athletes: list[tuple[int, Headers]], size: Size
) -> dict[str, Any]:
    """Each client an athlete: their session list, the coach's caseload, /me as each of them."""
    where = urlsplit(base)
    sequences = [
        [
            ["sessions", f"/api/v1/athletes/{aid}/logs", own],
            ["caseload", "/api/v1/caseload", coach],
            ["me", "/api/v1/me", own],
            ["sessions", f"/api/v1/athletes/{aid}/logs", own],
            ["caseload", "/api/v1/caseload", coach],
            ["me", "/api/v1/me", coach],
        ]
        for aid, own in athletes
    ]
    return {
        "host": where.hostname,
        "port": where.port,
        "clients": CLIENTS,
        "warmup_s": size.warmup_s,
        "seconds": size.seconds,
        "sequences": sequences,
    }


def _drive(
    base: str, url: str, db_name: str, plan: dict[str, Any]
) -> tuple[dict[str, Any], Window]:
    """Run the client process; sample the server's and the database's CPU at its window's ends."""
    server = API_PIDS[base]
    database = (make_url(url).database or "") if db_name == "postgresql" else ""

    def sample() -> tuple[float, dict[int, float], float]:
        used = backends_cpu_s(database) if database else {}
        return process_tree_cpu_s(server), used, os.getloadavg()[0]

    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    marks: dict[str, tuple[float, dict[int, float], float]] = {}
    result: dict[str, Any] = {}
    with (
        tempfile.TemporaryFile("w+") as errors,
        subprocess.Popen(
            [sys.executable, "-m", "bench.client"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            cwd=ROOT,
            env=env,
            text=True,
        ) as process,
    ):
        stdin, stdout = process.stdin, process.stdout
        if stdin is None or stdout is None:
            raise RuntimeError("the load process has no pipes")
        stdin.write(json.dumps(plan))
        stdin.close()
        for line in stdout:
            word = line.strip()
            if word in ("measuring", "done"):
                marks[word] = sample()
            elif word.startswith("{"):
                result = json.loads(word)
        if process.wait() != 0 or not result or len(marks) != 2:
            errors.seek(0)
            raise RuntimeError(f"the many-clients load process failed: {errors.read()[-2000:]}")
    (server_0, db_0, load_0), (server_1, db_1, load_1) = marks["measuring"], marks["done"]
    window = Window(
        round(server_1 - server_0, 3),
        round(backends_cpu_between(db_0, db_1), 3),
        float(result["client_cpu_s"]),
        (load_0, load_1),
    )
    return result, window


def _pct(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 2) if values else 0.0


def _records(db_name: str, size: Size, result: dict[str, Any], window: Window) -> list[Record]:
    """Throughput, latency over all routes, and the session list's (FitTrackee's comparable)."""
    seconds = float(result["seconds"])
    latencies: dict[str, list[float]] = result["latencies"]
    every = [ms for route in ROUTES for ms in latencies.get(route, [])]
    done = len(every)
    per_request = max(done, 1)
    rps = round(done / seconds, 1)
    cost = {
        "requests": done,
        "errors": result["errors"],
        "server_cpu_ms_per_request": round(window.server_cpu_s * 1000 / per_request, 3),
        "client_cpu_ms_per_request": round(window.client_cpu_s * 1000 / per_request, 3),
        "client_cpu_share_of_a_core": round(window.client_cpu_s / seconds, 2),
        "load_average_1m": list(window.load_average),
    }
    if db_name == "postgresql":
        cost["database_cpu_ms_per_request"] = round(window.database_cpu_s * 1000 / per_request, 3)
    routes = {
        ROUTES[r]: {
            "requests_per_s": round(len(latencies.get(r, [])) / seconds, 1),
            "p50": _pct(latencies.get(r, []), 50),
            "p95": _pct(latencies.get(r, []), 95),
            "p99": _pct(latencies.get(r, []), 99),
        }
        for r in ROUTES
    }
    fittrackee = (
        f"FitTrackee 1.3.6 session list, {WORKERS} workers (their figures: "
        f"{FITTRACKEE_RPS[0]}-{FITTRACKEE_RPS[1]} req/s, p95 "
        f"{FITTRACKEE_P95_MS[0]}-{FITTRACKEE_P95_MS[1]} ms)"
    )
    return [
        Record(
            "many-clients (throughput)",
            db_name,
            size.describe(),
            "requests/s",
            rps,
            None,
            fittrackee + "; ratio over their best",
            float(FITTRACKEE_RPS[1]),
            round(rps / FITTRACKEE_RPS[1], 2),
            THROUGHPUT_TARGET,
            cost,
        ),
        _latency(
            "all routes", db_name, size, every, fittrackee, {"p99": _pct(every, 99), **routes}
        ),
        _latency("session list", db_name, size, latencies.get("sessions", []), fittrackee, None),
    ]


def _latency(
    label: str,
    db_name: str,
    size: Size,
    values: list[float],
    fittrackee: str,
    extra: dict[str, Any] | None,
) -> Record:
    p95 = _pct(values, 95)
    return Record(
        f"many-clients (latency, {label})",
        db_name,
        size.describe(),
        "ms",
        _pct(values, 50),
        p95,
        fittrackee + "; ratio of the p95s to their best",
        None,
        round(p95 / FITTRACKEE_P95_MS[0], 2),
        LATENCY_TARGET,
        extra,
    )
