"""Request dependencies that never block run on the event loop, not in the thread pool."""

from __future__ import annotations

import inspect
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from runseason.api import deps
from runseason.api.app import create_app
from runseason.config import load_settings
from runseason.db import migrate
from runseason.db.models import ApiKey
from runseason.db.session import (
    create_db_engine,
    make_session_factory,
    session_scope,
    use_session_factory,
)
from runseason.db.types import utcnow
from runseason.services.identity import tokens
from runseason.services.identity.access import lock_athlete
from tests.dbutil import fresh_database_url
from tests.factories import PASSWORD, World, actor, make_world


def test_non_blocking_dependencies_skip_the_thread_pool() -> None:
    # FastAPI hands every plain ``def`` dependency to a worker thread: a wake-up of the thread
    # and of the event loop per dependency per request. The clock and the password-change check
    # do no I/O, so they are coroutines; signing in runs on the request's own place itself (a
    # quick read's event loop, any other request's thread).
    assert inspect.iscoroutinefunction(deps.now)
    assert inspect.iscoroutinefunction(deps.current_actor)
    assert inspect.iscoroutinefunction(deps.signed_in_actor)
    assert not inspect.iscoroutinefunction(deps._sign_in)
    assert inspect.isasyncgenfunction(deps.db_session)  # opened on the loop where it can be


def test_a_token_is_resolved_to_the_user_and_their_profile_in_one_read(
    client: TestClient, headers: dict[str, dict[str, str]], world: World, db: Session
) -> None:
    engine = db.get_bind().engine
    statements: list[str] = []

    def seen(*args: Any) -> None:
        statements.append(" ".join(str(args[2]).split()))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        mine = client.get("/api/v1/me", headers=headers["riley"])
        staff = client.get("/api/v1/me", headers=headers["cole"])
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert mine.status_code == 200, mine.text
    assert mine.json()["athlete_id"] == world.riley.id
    assert staff.status_code == 200, staff.text
    assert staff.json()["athlete_id"] is None
    # Each request signs in with one statement: the user, joined to their athlete profile.
    sign_ins = [s for s in statements if "LEFT OUTER JOIN athletes" in s and "FROM users" in s]
    assert len(sign_ins) == 2
    assert not [s for s in statements if s.startswith("SELECT athletes.id FROM athletes")]


@contextmanager
def _served(tmp_path: Path) -> Iterator[tuple[str, World]]:
    """The API served by uvicorn on a free local port, over a database of its own."""
    with fresh_database_url(tmp_path, "served") as url:
        engine = create_db_engine(url, load_settings(sqlite_busy_timeout_ms=30_000))
        migrate.upgrade(engine)
        factory = make_session_factory(engine)
        with factory() as session:
            world = make_world(session)
            session.commit()
        use_session_factory(factory)
        config = uvicorn.Config(create_app(), host="127.0.0.1", port=0, log_level="warning")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run)
        thread.start()
        try:
            while not server.started and thread.is_alive():
                time.sleep(0.01)
            port = server.servers[0].sockets[0].getsockname()[1]
            yield f"http://127.0.0.1:{port}/api/v1", world
        finally:
            server.should_exit = True
            thread.join(30)
            use_session_factory(None)
            engine.dispose()


CHECKIN = {"sleep_quality": 3, "energy": 3, "recovery": 3, "stress": 3}


def _check_ins(
    pool: ThreadPoolExecutor, http: httpx.Client, url: str, headers: dict[str, str], count: int
) -> list[Future[httpx.Response]]:
    """``count`` check-ins posted to ``url`` at once."""
    return [pool.submit(http.post, url, json=CHECKIN, headers=headers) for _ in range(count)]


@contextmanager
def _athlete_locked(athlete_id: int) -> Iterator[threading.Event]:
    """Another writer holds the athlete's lock (SQLite's write lock, PostgreSQL's row lock)
    until the event yielded is set."""
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with session_scope() as session:
            lock_athlete(session, athlete_id)
            holding.set()
            release.wait(60)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(30)
        yield release
    finally:
        release.set()
        holder.join(30)


def test_reads_and_refusals_are_answered_while_a_writer_holds_the_lock(tmp_path: Path) -> None:
    """60 requests with a wrong key, 20 signed-in reads and 8 waiting writes at once, while
    another writer holds the athlete's lock (SQLite's write lock, PostgreSQL's row lock): the
    reads and refusals are answered while it holds it, the writes once it lets go."""
    with (
        _served(tmp_path) as (base, world),
        httpx.Client(limits=httpx.Limits(max_connections=100), timeout=120) as http,
    ):
        riley = world.riley
        with session_scope() as session:
            email = world.user_of(riley, session).email
        login = http.post(f"{base}/auth/login", json={"email": email, "password": PASSWORD})
        assert login.status_code == 200, login.text
        signed_in = {"Authorization": f"Bearer {login.json()['access_token']}"}
        with (
            _athlete_locked(riley.id) as release,
            ThreadPoolExecutor(max_workers=90) as pool,
        ):
            writes = _check_ins(pool, http, f"{base}/athletes/{riley.id}/checkins", signed_in, 8)
            refused = [
                pool.submit(http.get, f"{base}/me", headers={"X-API-Key": f"rs_wrong{i}"})
                for i in range(60)
            ]
            reads = [pool.submit(http.get, f"{base}/me", headers=signed_in) for _ in range(20)]
            assert [f.result().status_code for f in refused] == [401] * 60
            assert [f.result().status_code for f in reads] == [200] * 20
            assert not any(f.done() for f in writes)  # they wait for the holder
            release.set()
            assert [f.result().status_code for f in writes] == [201] * 8


def test_more_writes_than_the_pool_has_threads_all_get_their_turn(tmp_path: Path) -> None:
    """50 check-ins signed in with an API key whose last use is to be written, more than the
    thread pool's 40, arrive while another writer holds the athlete's lock: signing in writes
    nothing (its bookkeeping goes with the route's changes), so no request holds the write lock
    while it waits for a thread, and every check-in gets its turn once the holder lets go."""
    with (
        _served(tmp_path) as (base, world),
        httpx.Client(limits=httpx.Limits(max_connections=100), timeout=120) as http,
    ):
        riley = world.riley
        with session_scope() as session:
            user = world.user_of(riley, session)
            key = tokens.create_api_key(
                session, actor(session, user), "watch", "read_write", now=utcnow()
            ).key
        with (
            _athlete_locked(riley.id) as release,
            ThreadPoolExecutor(max_workers=50) as pool,
        ):
            writes = _check_ins(
                pool, http, f"{base}/athletes/{riley.id}/checkins", {"X-API-Key": key}, 50
            )
            time.sleep(1.0)  # every request has signed in and waits
            assert not any(f.done() for f in writes)
            release.set()
            assert [f.result().status_code for f in writes] == [201] * 50
        with session_scope() as session:
            used = session.scalar(select(ApiKey.last_used_at).where(ApiKey.user_id == user.id))
        assert used is not None  # the key's last use was written with a check-in
