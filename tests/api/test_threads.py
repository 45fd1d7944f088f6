"""The API's threads: short requests share a few threads, long ones (files, exports, reports) have
their own, so a long request never holds up a short one."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import anyio
import httpx
from fastapi import FastAPI

from runseason.api import threads
from runseason.api.router import Router
from runseason.config import get_settings


class Gauge:
    """How many routes run at once, at most."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0

    def __enter__(self) -> None:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def __exit__(self, *_: object) -> None:
        with self.lock:
            self.now -= 1


def _app(short: Gauge, long: Gauge, release: threading.Event, answered: threading.Event) -> FastAPI:
    router = Router()

    @router.get("/short")
    def short_route() -> dict[str, Any]:
        with short:
            release.wait(0.05)  # long enough for the others to pile up behind it
        return {}

    @router.get("/long")
    @threads.long_request
    def long_route() -> dict[str, Any]:
        with long:
            answered.wait(5)  # holds its thread until a short request has been answered
        return {"short answered first": answered.is_set()}

    app = FastAPI()
    app.include_router(router)
    return app


async def _gather(app: FastAPI, paths: list[str]) -> list[httpx.Response]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return list(await asyncio.gather(*(client.get(p) for p in paths)))


def test_pools_take_their_sizes_from_the_settings() -> None:
    async def sizes() -> tuple[float, float]:
        return threads.pool("short").total_tokens, threads.pool("long").total_tokens

    settings = get_settings()
    assert anyio.run(sizes) == (settings.api_threads, settings.api_long_threads)


def test_short_requests_share_the_few_short_threads() -> None:
    short, long = Gauge(), Gauge()
    app = _app(short, long, threading.Event(), threading.Event())
    answers = anyio.run(_gather, app, ["/short"] * 8)
    assert [a.status_code for a in answers] == [200] * 8
    assert short.most == get_settings().api_threads


def test_a_long_request_never_holds_up_a_short_one() -> None:
    short, long = Gauge(), Gauge()
    answered = threading.Event()
    app = _app(short, long, threading.Event(), answered)
    longs = get_settings().api_long_threads

    async def scenario() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            waiting = [asyncio.create_task(client.get("/long")) for _ in range(longs)]
            for _ in range(500):  # until every long thread is taken (at most a few seconds)
                if long.now == longs:
                    break
                await asyncio.sleep(0.01)
            assert long.now == longs
            assert (await client.get("/short")).status_code == 200
            answered.set()
            return list(await asyncio.gather(*waiting))

    answers = anyio.run(scenario)
    assert [a.json() for a in answers] == [{"short answered first": True}] * longs
    assert long.most == longs


def test_routes_are_short_unless_marked_long() -> None:
    def plain() -> None: ...

    def marked() -> None: ...

    assert threads.pool_of(plain) == "short"
    assert threads.pool_of(threads.long_request(marked)) == "long"


def test_the_api_runs_its_file_export_and_report_routes_in_the_long_pool() -> None:
    from fastapi.routing import APIRoute  # noqa: PLC0415

    from runseason.api.routes import ROUTERS  # noqa: PLC0415

    long_ones = ("/export", "/logs/upload", "/imports", "/import-preview", "/reports/", "/erase")
    pools = {
        (sorted(route.methods or ())[0], route.path): threads.pool_of(route.endpoint.__wrapped__)
        for router in ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute) and hasattr(route.endpoint, "__wrapped__")
    }
    marked = {key for key, pool in pools.items() if pool == "long"}
    expected = {
        (method, path)
        for method, path in pools
        if any(part in path for part in long_ones) and (method == "POST" or "/imports" not in path)
    }
    assert marked == expected
    assert len(marked) == 8
    assert pools[("GET", "/caseload")] == "short"
