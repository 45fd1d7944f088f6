"""The API served as in production, and the load sent to it: open loop, closed loop, queue watch."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

Call = Callable[[httpx.Client], int]
API_PIDS: dict[str, int] = {}  # the base URL of a running ``api_server``: its process id


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_env(url: str, refresh: str, worker: str) -> dict[str, str]:
    env = {**os.environ, "RUNSEASON_DATABASE_URL": url, "RUNSEASON_ENV": "dev"}
    env["RUNSEASON_SECURITY__API_RATE_PER_USER"] = "100000/minute"
    env["RUNSEASON_METRICS_REFRESH"] = refresh
    env["RUNSEASON_REFRESH_WORKER_IN_PROCESS"] = str(worker == "thread").lower()
    env["RUNSEASON_REFRESH_POLL_SECONDS"] = "0.05"
    env["RUNSEASON_LOG_LEVEL"] = "WARNING"
    return env


@contextmanager
def api_server(
    url: str,
    refresh: str = "queued",
    worker: str = "process",
    *,
    workers: int = 1,
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """``runseason serve api --workers N`` on a free port; its base URL.

    With ``refresh="queued"`` the refresh worker runs as a ``runseason worker`` process
    (``worker="process"``) or as a thread of the API process (``worker="thread"``). ``env``
    overrides the servers' environment (a case that keeps the product's defaults).
    """
    port = _free_port()
    env = {**_server_env(url, refresh, worker), **(env or {})}
    binary = str(Path(sys.executable).parent / "runseason")
    commands = [[binary, "serve", "api", "--port", str(port), "--workers", str(workers)]]
    if refresh == "queued" and worker == "process":
        commands.append([binary, "worker"])
    processes = [
        subprocess.Popen(c, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for c in commands
    ]
    base = f"http://127.0.0.1:{port}"
    API_PIDS[base] = processes[0].pid
    try:
        _wait_until_up(base, processes)
        _wait_until_settled(processes[0].pid)
        yield base
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        API_PIDS.pop(base, None)


def _wait_until_up(base: str, processes: list[subprocess.Popen[bytes]]) -> None:
    """Wait for the health check to answer (five minutes: a busy machine imports slowly)."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/v1/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
        if any(process.poll() is not None for process in processes):
            break
    raise RuntimeError(f"the API at {base} did not start")


def _wait_until_settled(root: int, quiet_s: float = 0.05, seconds: float = 60) -> None:
    """Wait until the server's processes stop using CPU: every worker has finished starting.

    The health check answers as soon as one worker is up; clients that connected then would all
    stay on that worker for the whole run.
    """
    deadline = time.monotonic() + seconds
    before = process_tree_cpu_s(root)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        after = process_tree_cpu_s(root)
        if after - before < quiet_s:
            return
        before = after


def open_loop(
    call: Call, rate: float, seconds: float, senders: int = 32
) -> tuple[list[float], int]:
    """Send at a fixed rate whatever the answers' speed; latency counts from the scheduled time.

    The senders' clients exist before the clock starts, so making them is not charged to requests.
    """
    latencies: list[float] = []
    codes: dict[int, int] = {}
    lock = threading.Lock()
    idle: queue.SimpleQueue[httpx.Client] = queue.SimpleQueue()
    clients = [httpx.Client(timeout=30) for _ in range(senders)]
    for client in clients:
        idle.put(client)

    def fire(scheduled: float) -> None:
        client = idle.get()
        try:
            status = call(client)
        finally:
            idle.put(client)
        with lock:
            latencies.append((time.perf_counter() - scheduled) * 1000)
            if status >= 400:
                codes[status] = codes.get(status, 0) + 1

    with ThreadPoolExecutor(max_workers=senders) as pool:
        for _ in pool.map(lambda _: None, range(senders)):  # start the threads before the clock
            pass
        start = time.perf_counter()
        for i in range(int(rate * seconds)):
            scheduled = start + i / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(fire, scheduled)
    for client in clients:
        client.close()
    errors = sum(codes.values())
    if errors:
        print(f"  warning: {errors} error responses {codes}", file=sys.stderr)
    return latencies, errors


def throughput(call: Call, seconds: float, workers: int = 16) -> float:
    """Requests per second answered to ``workers`` closed-loop clients over ``seconds``."""
    done = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client_loop() -> None:
        nonlocal done
        with httpx.Client(timeout=30) as client:
            while time.perf_counter() < stop:
                call(client)
                with lock:
                    done += 1

    threads = [threading.Thread(target=client_loop) for _ in range(workers)]
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
        """Athletes waiting for a refresh now."""
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


_TICK_S = 1 / os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 0.01


def _stat(pid: str) -> tuple[int, float] | None:
    """The parent's id and the CPU seconds (user + system) of a process; None once it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()  # the name may hold spaces: skip past it
    return int(fields[1]), (int(fields[11]) + int(fields[12])) * _TICK_S


def process_tree_cpu_s(root: int) -> float:
    """CPU seconds spent so far by a process and all its descendants (Linux; 0 elsewhere)."""
    if not Path("/proc").is_dir():
        return 0.0
    stats = {p.name: _stat(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()}
    children: dict[int, list[int]] = {}
    for pid, found in stats.items():
        if found is not None:
            children.setdefault(found[0], []).append(int(pid))
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        found = stats.get(str(pid))
        total += found[1] if found is not None else 0.0
        todo += children.get(pid, [])
    return total


def backends_cpu_s(database: str) -> dict[int, float]:
    """CPU seconds spent so far by each PostgreSQL backend connected to ``database`` (local)."""
    if not Path("/proc").is_dir():
        return {}
    spent: dict[int, float] = {}
    for process in Path("/proc").iterdir():
        if not process.name.isdigit():
            continue
        try:
            title = (process / "cmdline").read_bytes().replace(b"\0", b" ").split()
        except OSError:
            continue
        # A backend's title: "postgres: [<cluster>:] <user> <database> <client address> <state>".
        if title[:1] == [b"postgres:"] and database.encode() in title[1:4]:
            found = _stat(process.name)
            if found is not None:
                spent[int(process.name)] = found[1]
    return spent


def backends_cpu_between(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds the backends spent between two readings; one born in between counts whole.

    A backend that ended in between is lost with what it spent after the first reading.
    """
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())
