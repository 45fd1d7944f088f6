"""The API's threads: quick reads take turns on a few, writes and file-building reads do not."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Annotated, Any

import anyio
import httpx
from fastapi import Depends, FastAPI, Request
from fastapi.routing import APIRoute

from runseason.api import threads
from runseason.api.router import Router
from runseason.api.routes import ROUTERS
from runseason.api.threads import long_request
from runseason.config import get_settings


class Peak:
    """How many calls of a route ran at once, at most."""

    def __init__(self) -> None:
        self.now = 0
        self.most = 0
        self.lock = threading.Lock()

    def hold(self, seconds: float = 0.2) -> None:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        time.sleep(seconds)
        with self.lock:
            self.now -= 1


async def kind_of(request: Request) -> str:
    return "quick read" if threads.quick_read(request) else "other"


def _app(peaks: dict[str, Peak]) -> FastAPI:
    router = Router()

    @router.get("/read")
    def read() -> int:
        peaks["read"].hold()
        return 1

    @router.post("/write")
    def write() -> int:
        peaks["write"].hold()
        return 1

    @router.get("/file")
    @long_request
    def build_file(kind: Annotated[str, Depends(kind_of)]) -> str:
        peaks["file"].hold(0)
        return kind

    @router.get("/kind")
    def kind(found: Annotated[str, Depends(kind_of)]) -> str:
        return found

    app = FastAPI()
    app.include_router(router)
    return app


def _at_once(app: FastAPI, calls: list[tuple[str, str]]) -> list[httpx.Response]:
    """Send every call at once; the answers in the calls' order."""
    answers: list[httpx.Response | None] = [None] * len(calls)

    async def main() -> None:
        transport = httpx.ASGITransport(app=app)
        async with (
            httpx.AsyncClient(transport=transport, base_url="http://test") as client,
            anyio.create_task_group() as group,
        ):
            for index, (method, path) in enumerate(calls):
                group.start_soon(_send, client, method, path, answers, index)

    anyio.run(main)
    return [a for a in answers if a is not None]


async def _send(
    client: httpx.AsyncClient,
    method: str,
    path: str,
    answers: list[httpx.Response | None],
    index: int,
) -> None:
    answers[index] = await client.request(method, path)


def test_quick_reads_run_a_few_at_a_time_and_writes_are_not_held_to_it() -> None:
    peaks = {"read": Peak(), "write": Peak(), "file": Peak()}
    answers = _at_once(_app(peaks), [("GET", "/read")] * 6 + [("POST", "/write")] * 6)
    assert [a.status_code for a in answers] == [200] * 12
    assert peaks["read"].most == get_settings().api_read_threads == 2
    assert peaks["write"].most == 6  # writes run on FastAPI's pool, all at once


def test_a_file_building_read_is_answered_while_the_read_threads_are_busy() -> None:
    peaks = {"read": Peak(), "write": Peak(), "file": Peak()}
    app = _app(peaks)
    answers = _at_once(app, [("GET", "/read")] * 4 + [("GET", "/file")])
    assert [a.status_code for a in answers] == [200] * 5
    assert answers[-1].json() == "other"  # a marked route is no quick read
    assert _at_once(app, [("GET", "/kind"), ("POST", "/kind")])[0].json() == "quick read"


def _routes() -> dict[tuple[str, str], Callable[..., Any]]:
    found: dict[tuple[str, str], Callable[..., Any]] = {}
    for router in ROUTERS:
        for route in router.routes:
            assert isinstance(route, APIRoute)
            for method in route.methods:
                found[(method, route.path)] = route.endpoint
    return found


def test_the_api_runs_reads_on_the_read_threads_and_files_and_writes_on_the_pool() -> None:
    routes = _routes()
    quick = {key for key, endpoint in routes.items() if threads.is_quick_read([key[0]], endpoint)}
    assert ("GET", "/me") in quick
    assert ("GET", "/athletes/{athlete_id}/logs") in quick
    assert ("GET", "/caseload") in quick
    for files in (
        "/athletes/{athlete_id}/export",
        "/athletes/{athlete_id}/reports/season",
        "/reports/caseload",
    ):
        assert ("GET", files) in routes
        assert ("GET", files) not in quick
    assert not {key for key in quick if key[0] not in threads.READ_METHODS}
