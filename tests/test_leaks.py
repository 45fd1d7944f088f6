"""The suite's leak check (tests/conftest.py) sees a thread or a connection a test leaves."""

from __future__ import annotations

import threading

from sqlalchemy import Engine, text

from tests import conftest


def test_a_thread_started_by_a_test_is_seen_until_it_ends() -> None:
    before = set(threading.enumerate())
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait, name="left-behind")
    worker.start()
    assert [t.name for t in conftest._new_threads(before)] == ["left-behind"]
    stop.set()
    worker.join()
    assert conftest._new_threads(before) == []


def test_a_connection_is_seen_while_it_is_checked_out(engine: Engine) -> None:
    conftest._checked_out.clear()
    connection = engine.connect()
    connection.execute(text("SELECT 1"))
    assert len(conftest._checked_out) == 1
    connection.close()
    assert conftest._checked_out == set()
