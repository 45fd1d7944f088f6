"""Closed-loop HTTP clients in a process of their own: ``python -m bench.client < plan.json``.

A benchmark's clients must not be what limits it. Each client here is a coroutine holding one
keep-alive HTTP/1.1 connection and sending its next request as soon as the previous answer is
read; the requests are written and the answers parsed by hand (status line, ``Content-Length``),
which costs a few tens of microseconds where an httpx request costs several hundred. The process
runs on its own core's worth of time, apart from the case's, and reports its own CPU.

The plan (JSON on stdin): ``host``, ``port``, ``clients``, ``warmup_s``, ``seconds`` and
``sequences``: one list of ``[route, path, headers]`` per client, cycled; the clients connect one
after another over the first half of the warm-up. The process prints
``measuring`` when the measured window opens, ``done`` when it closes, then one JSON line:
per route the latencies (ms) of the requests sent and answered inside the window, the error
statuses, and the process's CPU seconds over the window.

Free of side effects on import: the tests import it.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from dataclasses import dataclass, field
from typing import Any


class ProtocolError(Exception):
    """An answer this client does not read (chunked, or no ``Content-Length``)."""


def request_bytes(host: str, path: str, headers: dict[str, str]) -> bytes:
    """A keep-alive GET, encoded once and sent as is at every turn."""
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Accept: application/json"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def parse_head(head: bytes) -> tuple[int, int]:
    """The status and the body's length of a response head (ending with the blank line)."""
    status_line, _, rest = head.partition(b"\r\n")
    status = int(status_line.split(b" ", 2)[1])
    length = None
    for line in rest.split(b"\r\n"):
        name, _, value = line.partition(b":")
        lowered = name.strip().lower()
        if lowered == b"content-length":
            length = int(value.strip())
        elif lowered == b"transfer-encoding" and value.strip().lower() != b"identity":
            raise ProtocolError("chunked answers are not read by this client")
    if length is None:
        raise ProtocolError("an answer without Content-Length")
    return status, length


@dataclass
class Tally:
    """What the clients saw inside the measured window."""

    opens: float
    closes: float
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)

    def note(self, route: str, sent: float, answered: float, status: int) -> None:
        """Count a request sent and answered inside the window."""
        if sent < self.opens or answered > self.closes:
            return
        self.latencies.setdefault(route, []).append((answered - sent) * 1000)
        if status >= 400:
            self.errors[str(status)] = self.errors.get(str(status), 0) + 1


async def _client(
    host: str, port: int, sequence: list[tuple[str, bytes]], tally: Tally, offset: int, delay: float
) -> None:
    await asyncio.sleep(delay)
    reader, writer = await asyncio.open_connection(host, port)
    clock = time.perf_counter
    turn = offset
    try:
        while True:
            route, payload = sequence[turn % len(sequence)]
            turn += 1
            sent = clock()
            if sent >= tally.closes:
                return
            writer.write(payload)
            status, length = parse_head(await reader.readuntil(b"\r\n\r\n"))
            await reader.readexactly(length)
            tally.note(route, sent, clock(), status)
    finally:
        writer.close()


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def drive(plan: dict[str, Any]) -> dict[str, Any]:
    """Run the plan's clients; the tally of the measured window and the client's CPU."""
    host, port = plan["host"], int(plan["port"])
    sequences = [
        [(route, request_bytes(f"{host}:{port}", path, headers)) for route, path, headers in seq]
        for seq in plan["sequences"]
    ]
    started = time.perf_counter()
    opens = started + float(plan["warmup_s"])
    tally = Tally(opens, opens + float(plan["seconds"]))
    loop = asyncio.get_running_loop()
    marks: dict[str, float] = {}

    def mark(name: str) -> None:
        marks[name] = _cpu_s()
        print(name, flush=True)

    loop.call_at(loop.time() + (opens - time.perf_counter()), mark, "measuring")
    loop.call_at(loop.time() + (tally.closes - time.perf_counter()), mark, "done")
    clients = int(plan["clients"])
    # People arrive one after another (a ramp-up over the first half of the warm-up, as load
    # tools do): twenty connections opened in the same millisecond would all be taken by whichever
    # server worker wakes first, and stay there.
    step = float(plan["warmup_s"]) / 2 / clients
    await asyncio.gather(
        *(
            _client(host, port, sequences[i % len(sequences)], tally, i, i * step)
            for i in range(clients)
        )
    )
    while "done" not in marks:  # every client stopped early (the server went away)
        await asyncio.sleep(0.01)
    return {
        "seconds": tally.closes - tally.opens,
        "latencies": tally.latencies,
        "errors": tally.errors,
        "client_cpu_s": round(marks["done"] - marks["measuring"], 3),
    }


def main() -> int:
    """Read the plan from stdin, drive the clients, print the results as one JSON line."""
    plan = json.loads(sys.stdin.read())
    try:
        import uvloop  # noqa: PLC0415 (optional: the standard loop works too, a little slower)

        runner: Any = uvloop.run
    except ImportError:
        runner = asyncio.run
    print(json.dumps(runner(drive(plan))), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
