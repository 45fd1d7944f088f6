"""checkin-api: the morning rush over HTTP, each check-in a different athlete with a year of logs.

Measured on the same data in three set-ups: the coach-facing refresh queued to the worker in the
database's default layout, in the other layout, and inline on the request. The throughput phase
has athletes of its own, so it measures first check-ins of the day, as the latency phase does.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from sqlalchemy import select

from bench.harness import NOW, med, open_session, p95
from bench.load import Call, QueueWatch, api_server, open_loop, throughput
from bench.records import Record
from runseason.db.models import Athlete, User
from runseason.demo.bulk import seed_bulk
from runseason.services.identity import tokens

# The layout each database is served in by default, then the other one: on SQLite the worker is
# a thread of the API process (``runseason start``), on PostgreSQL a ``runseason worker`` process.
LAYOUTS = {"sqlite": ("thread", "process"), "postgresql": ("process", "thread")}
BODY = {"sleep_quality": 3, "energy": 4, "recovery": 3, "stress": 4}
LIGHT_SHARE = 0.4  # below saturation: what an athlete sees on an ordinary morning
CLOSED_LOOP_CLIENTS = 16

Bearer = tuple[int, dict[str, str]]


@dataclass
class Load:
    """The offered load of the latency phases."""

    rate: float
    seconds: float
    history_days: int

    @property
    def athletes(self) -> int:
        return int(self.rate * self.seconds)

    @property
    def span(self) -> float:
        """Seconds of each closed-loop throughput measurement."""
        return max(2.0, self.seconds / 4)


@dataclass
class Phase:
    """What one set-up measured."""

    latencies: list[float]
    errors: int
    max_depth: int
    drained_s: float
    peak_rps: float
    second_checkins: int


@dataclass
class Light:
    """The same check-in below saturation, for context."""

    rate: float
    athletes: int
    latencies: list[float]
    errors: int
    drained_s: float


@dataclass
class Floor:
    """The one-row baselines, measured once in the default set-up."""

    latencies: list[float]
    row_rps: float
    constant_rps: float
    refused_rps: float


def run(url: str, db_name: str, smoke: bool, _repeat: int) -> list[Record]:
    """Latency and throughput of new check-ins in each set-up; context rows in the default one."""
    seconds = 2.0 if smoke else float(os.environ.get("BENCH_CHECKIN_SECONDS", "20"))
    rate = 20.0 if smoke else 100.0
    load = Load(rate, seconds, 30 if smoke else 365)
    main_layout, other_layout = LAYOUTS[db_name]
    setups = [("queued", main_layout), ("queued", other_layout), ("inline", "process")]
    n = load.athletes
    bearer = _signed_in_athletes(url, len(setups) * 2 * n + int(rate * LIGHT_SHARE * seconds), load)
    records: list[Record] = []
    floor: Floor | None = None
    for index, (refresh, layout) in enumerate(setups):
        group = bearer[2 * index * n : (2 * index + 1) * n]
        fresh = bearer[(2 * index + 1) * n : (2 * index + 2) * n]
        light_group = bearer[len(setups) * 2 * n :] if index == 0 else []
        with api_server(url, refresh, layout) as base:
            phase, floor, light = _measure(url, base, load, group, fresh, floor, light_group)
        where = f"worker {layout}" if refresh == "queued" else "refresh on the request"
        label = (
            ", refresh inline"
            if refresh == "inline"
            else ("" if index == 0 else f", worker {layout}")
        )
        records.append(_latency_record(db_name, label, where, load, phase, floor))
        if light is not None:
            records.append(_light_record(db_name, where, load, light, floor))
        records.append(_throughput_record(db_name, label, where, len(fresh), phase, floor))
        if index == 0:
            records.append(_refused_record(db_name, floor))
    return records


def _measure(
    url: str,
    base: str,
    load: Load,
    group: list[Bearer],
    fresh: list[Bearer],
    floor: Floor | None,
    light_group: list[Bearer],
) -> tuple[Phase, Floor, Light | None]:
    """One set-up: latency, the floor once, throughput, and the light load when given athletes."""
    watch = _warm_up(url, base, group)
    with watch:
        latencies, errors = open_loop(_checkin(base, group), load.rate, load.seconds)
    drained = watch.drained_after()
    floor = floor or _floor(base, group, load)
    peak = throughput(_checkin(base, fresh), load.span, CLOSED_LOOP_CLIENTS)
    beyond = max(0, round(peak * load.span) - len(fresh))  # check-ins past the fresh athletes
    phase = Phase(latencies, errors, watch.max_depth, drained, peak, beyond)
    watch.drained_after()
    light = None
    if light_group:
        rate = load.rate * LIGHT_SHARE
        light_latencies, light_errors = open_loop(_checkin(base, light_group), rate, load.seconds)
        light = Light(rate, len(light_group), light_latencies, light_errors, watch.drained_after())
    watch.engine.dispose()
    return phase, floor, light


def _signed_in_athletes(url: str, count: int, load: Load) -> list[Bearer]:
    """``count`` athletes with ``load.history_days`` of logs, each with an access token."""
    session, close = open_session(url)
    seeded = seed_bulk(
        session,
        athletes=count,
        coaches=max(1, load.athletes // 100),
        days=load.history_days,
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
    return bearer


def _checkin(base: str, group: list[Bearer]) -> Call:
    """A call that checks in the group's athletes in turn."""
    turn = itertools.count()

    def call(client: httpx.Client) -> int:
        athlete_id, headers = group[next(turn) % len(group)]
        url = f"{base}/api/v1/athletes/{athlete_id}/checkins"
        return client.post(url, json=BODY, headers=headers).status_code

    return call


def _warm_up(url: str, base: str, group: list[Bearer]) -> QueueWatch:
    """Load the server's modules and pool; a watch of the queue, empty before the clock starts."""
    with httpx.Client(timeout=30) as warm:
        for _ in range(10):
            warm.get(f"{base}/api/v1/me", headers=group[-1][1])
        checkin = _checkin(base, group[-5:])
        for _ in range(5):
            checkin(warm)
    watch = QueueWatch(url)
    watch.drained_after()
    return watch


def _floor(base: str, group: list[Bearer], load: Load) -> Floor:
    """A one-row read at the same rate; the one-row, constant and refused endpoints' throughput.

    The refused call is a valid check-in for another athlete: signed in, validated, routed and
    answered 404 with nothing written, the least any check-in can cost on this stack.
    """
    headers = group[0][1]

    def one_row(client: httpx.Client) -> int:
        return client.get(f"{base}/api/v1/me", headers=headers).status_code

    def constant(client: httpx.Client) -> int:
        return client.get(f"{base}/api/v1/healthz").status_code

    def refused(client: httpx.Client) -> int:
        url = f"{base}/api/v1/athletes/{group[1][0]}/checkins"
        return client.post(url, json=BODY, headers=headers).status_code

    with httpx.Client(timeout=30) as client:
        if (status := refused(client)) != 404:
            raise RuntimeError(f"another athlete's check-in answered {status}, not 404")
    latencies, _ = open_loop(one_row, load.rate, load.seconds)
    row_rps = throughput(one_row, load.span, CLOSED_LOOP_CLIENTS)
    constant_rps = throughput(constant, load.span, CLOSED_LOOP_CLIENTS)
    refused_rps = throughput(refused, load.span, CLOSED_LOOP_CLIENTS)
    return Floor(latencies, row_rps, constant_rps, refused_rps)


def _p95_ratio(latencies: list[float], floor: Floor) -> float:
    return round(p95(latencies) / max(p95(floor.latencies), 0.01), 2)


def _latency_record(
    db_name: str, label: str, where: str, load: Load, phase: Phase, floor: Floor
) -> Record:
    return Record(
        f"checkin-api (latency{label})",
        db_name,
        f"{load.rate:.0f} req/s for {load.seconds:.0f} s, open loop, {load.athletes} athletes, "
        f"{where}",
        "ms",
        med(phase.latencies),
        p95(phase.latencies),
        "GET /me (one row) at the same rate; ratio of the p95s",
        med(floor.latencies),
        _p95_ratio(phase.latencies, floor),
        "p95 <= 50 ms at 100/s",
        {
            "errors": phase.errors,
            "max_queue_depth": phase.max_depth,
            "queue_empty_after_s": phase.drained_s,
            "history_days": load.history_days,
            "one_row_p95_ms": p95(floor.latencies),
        },
    )


def _light_record(db_name: str, where: str, load: Load, light: Light, floor: Floor) -> Record:
    return Record(
        "checkin-api (latency below saturation)",
        db_name,
        f"{light.rate:.0f} req/s for {load.seconds:.0f} s, open loop, {light.athletes} athletes, "
        f"{where}",
        "ms",
        med(light.latencies),
        p95(light.latencies),
        f"GET /me (one row) at {load.rate:.0f}/s; ratio of the p95s",
        med(floor.latencies),
        _p95_ratio(light.latencies, floor),
        "none (context: 40 % of the offered load)",
        {"errors": light.errors, "queue_empty_after_s": light.drained_s},
    )


def _throughput_record(
    db_name: str, label: str, where: str, athletes: int, phase: Phase, floor: Floor
) -> Record:
    return Record(
        f"checkin-api (max throughput{label})",
        db_name,
        f"{CLOSED_LOOP_CLIENTS} closed-loop clients, {where}",
        "requests/s",
        phase.peak_rps,
        None,
        "GET /me (one row), same clients",
        floor.row_rps,
        round(phase.peak_rps / floor.row_rps, 2) if floor.row_rps else None,
        ">= 0.5x the one-row throughput",
        {
            "constant_rps": floor.constant_rps,
            "athletes": athletes,
            "second_checkins": phase.second_checkins,
        },
    )


def _refused_record(db_name: str, floor: Floor) -> Record:
    return Record(
        "checkin-api (max throughput, refused)",
        db_name,
        f"{CLOSED_LOOP_CLIENTS} closed-loop clients, another athlete's check-in: signed in, "
        "validated, answered 404, nothing written",
        "requests/s",
        floor.refused_rps,
        None,
        "GET /me (one row), same clients",
        floor.row_rps,
        round(floor.refused_rps / floor.row_rps, 2) if floor.row_rps else None,
        "none (context: the floor of any check-in's throughput)",
    )
