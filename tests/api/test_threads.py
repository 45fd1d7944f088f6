"""Where the API's work runs: quick reads on the event loop, writes and file-building reads on a
thread, whose session ends on that same thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Annotated, Any

import anyio
import httpx
import pytest
from anyio import to_thread
from fastapi import Depends, FastAPI, Request
from fastapi.routing import APIRoute
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from runseason.api import threads
from runseason.api.deps import Db
from runseason.api.router import Router
from runseason.api.routes import ROUTERS
from runseason.api.threads import long_request


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


async def loop_thread() -> int:
    """The thread of the event loop (an ``async`` dependency runs there)."""
    return threading.get_ident()


async def kind_of(request: Request) -> str:
    return "quick read" if threads.quick_read(request) else "other"


LoopThread = Annotated[int, Depends(loop_thread)]


def _app(peaks: dict[str, Peak]) -> FastAPI:
    router = Router()

    @router.get("/read")
    def read(loop: LoopThread) -> bool:
        return threading.get_ident() == loop

    @router.post("/write")
    def write(loop: LoopThread) -> bool:
        peaks["write"].hold()
        return threading.get_ident() == loop

    @router.get("/file")
    @long_request
    def build_file(kind: Annotated[str, Depends(kind_of)], loop: LoopThread) -> list[Any]:
        return [kind, threading.get_ident() == loop]

    @router.get("/kind")
    def kind(found: Annotated[str, Depends(kind_of)]) -> str:
        return found

    @router.post("/ends")
    def ends(session: Db) -> None:
        event.listen(session, "after_commit", lambda _s: seen.setdefault("commit", _thread()))
        session.execute(text("SELECT 1"))
        seen["route"] = _thread()

    app = FastAPI()
    app.include_router(router)
    return app


seen: dict[str, int] = {}


def _thread() -> int:
    return threading.get_ident()


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


def test_quick_reads_run_on_the_event_loop_and_writes_on_threads_all_at_once() -> None:
    peaks = {"write": Peak()}
    answers = _at_once(_app(peaks), [("GET", "/read")] * 3 + [("POST", "/write")] * 6)
    assert [a.status_code for a in answers] == [200] * 9
    assert [a.json() for a in answers] == [True] * 3 + [False] * 6
    assert peaks["write"].most == 6  # writes run on FastAPI's pool, all at once


def test_a_file_building_read_runs_on_a_thread() -> None:
    app = _app({})
    answers = _at_once(app, [("GET", "/file")])
    assert answers[0].json() == ["other", False]  # a marked route is no quick read
    assert _at_once(app, [("GET", "/kind"), ("POST", "/kind")])[0].json() == "quick read"


def test_a_write_ends_its_session_on_its_own_thread(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    hand_offs: list[str] = []
    run_sync = to_thread.run_sync

    async def counted(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        hand_offs.append(getattr(func, "__name__", "partial"))
        return await run_sync(func, *args, **kwargs)

    monkeypatch.setattr(to_thread, "run_sync", counted)
    seen.clear()
    answer = _at_once(_app({}), [("POST", "/ends")])[0]
    assert answer.status_code == 200, answer.text
    assert seen["commit"] == seen["route"]  # committed on the route's thread
    assert len(hand_offs) == 1  # and in the same hand-off: none to end the session


def _routes() -> dict[tuple[str, str], Callable[..., Any]]:
    found: dict[tuple[str, str], Callable[..., Any]] = {}
    for router in ROUTERS:
        for route in router.routes:
            assert isinstance(route, APIRoute)
            for method in route.methods:
                found[(method, route.path)] = route.endpoint
    return found


def test_the_api_runs_reads_on_the_loop_and_files_and_writes_on_the_pool() -> None:
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
