"""The API's router: a plain ``def`` write costs one thread hand-off and a quick read none; the
answer is checked on the event loop; parameters, dependencies and ``async`` routes are as FastAPI
makes them."""

from __future__ import annotations

import threading
from typing import Annotated, Any

import anyio
import httpx
import pytest
from anyio import to_thread
from fastapi import Depends, FastAPI
from pydantic import BaseModel, field_validator

from runseason.api.router import Router, as_coroutine

seen: dict[str, str] = {}


class Answer(BaseModel):
    """An answer whose check notes the thread it ran on."""

    value: int

    @field_validator("value")
    @classmethod
    def note_thread(cls, value: int) -> int:
        seen["checked"] = threading.current_thread().name
        return value


async def doubled(n: int) -> int:
    return 2 * n


def _app() -> FastAPI:
    router = Router()

    @router.post("/plain/{n}", response_model=Answer)
    def plain(n: int, twice: Annotated[int, Depends(doubled)], add: int = 0) -> dict[str, Any]:
        seen["ran"] = threading.current_thread().name
        return {"value": twice + add}

    @router.get("/read/{n}", response_model=Answer)
    def read(n: int, twice: Annotated[int, Depends(doubled)]) -> dict[str, Any]:
        seen["read"] = threading.current_thread().name
        return {"value": twice}

    @router.get("/awaited", response_model=Answer)
    async def awaited() -> dict[str, Any]:
        return {"value": 7}

    app = FastAPI()
    app.include_router(router)
    return app


def _get(app: FastAPI, path: str, method: str = "GET") -> httpx.Response:
    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.request(method, path)

    return anyio.run(call)


def test_a_plain_write_takes_one_thread_hand_off_and_a_read_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hand_offs: list[object] = []
    original = to_thread.run_sync

    async def counted(func: Any, *args: Any, **kwargs: Any) -> Any:
        hand_offs.append(func)
        return await original(func, *args, **kwargs)

    monkeypatch.setattr(to_thread, "run_sync", counted)
    answer = _get(_app(), "/plain/4?add=1", "POST")
    assert answer.status_code == 200
    assert answer.json() == {"value": 9}  # path, query and dependency all reached the route
    assert len(hand_offs) == 1  # FastAPI alone: the route, then the answer's check
    assert _get(_app(), "/read/4").json() == {"value": 8}
    assert len(hand_offs) == 1  # the read ran on the event loop


def test_a_write_runs_on_a_worker_thread_a_read_on_the_loop_answers_checked_on_the_loop() -> None:
    seen.clear()
    assert _get(_app(), "/plain/1", "POST").json() == {"value": 2}
    assert seen["ran"] != threading.current_thread().name
    assert seen["checked"] == threading.current_thread().name  # anyio.run's loop: this thread
    assert _get(_app(), "/read/1").json() == {"value": 2}
    assert seen["read"] == threading.current_thread().name


def test_an_invalid_answer_is_still_refused() -> None:
    router = Router()

    @router.get("/wrong", response_model=Answer)
    def wrong() -> dict[str, Any]:
        return {"value": "not a number"}

    app = FastAPI()
    app.include_router(router)
    with pytest.raises(Exception, match="validation error"):
        _get(app, "/wrong")


def test_async_routes_are_left_as_they_are() -> None:
    async def route() -> int:
        return 1

    def plain() -> int:
        return 1

    assert as_coroutine(route) is route
    wrapped = as_coroutine(plain)
    assert wrapped is not plain
    assert wrapped.__wrapped__ is plain  # type: ignore[attr-defined]
    assert _get(_app(), "/awaited").json() == {"value": 7}


def test_every_router_of_the_api_is_a_router() -> None:
    from runseason.api.routes import ROUTERS  # noqa: PLC0415 (the API's modules, not the unit's)

    assert ROUTERS
    assert all(isinstance(router, Router) for router in ROUTERS)
