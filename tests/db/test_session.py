"""The transaction boundary, SQLite pragmas, connection retries and URL validation."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.orm import Session

from runseason.config import load_settings
from runseason.db import migrate
from runseason.db import session as session_module
from runseason.db.models import Organization
from runseason.db.session import (
    autocommit_factory,
    begin_writes,
    create_db_engine,
    make_session_factory,
    ping_when_idle,
    session_scope,
    use_session_factory,
    wait_for_database,
    write_lock_of,
)
from runseason.errors import ConfigurationError, DatabaseBusy, DatabaseUnavailable
from tests.dbutil import migrated_factory


def test_session_scope_commits_on_success_and_rolls_back_on_error(db: Session) -> None:
    with session_scope() as session:
        session.add(Organization(name="Kept", slug="kept"))

    def failing_use_case() -> None:
        with session_scope() as session:
            session.add(Organization(name="Lost", slug="lost"))
            session.flush()
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        failing_use_case()
    slugs = set(db.scalars(select(Organization.slug)))
    assert "kept" in slugs
    assert "lost" not in slugs


def test_readonly_scope_never_writes(db: Session) -> None:
    with session_scope(readonly=True) as session:
        session.add(Organization(name="Ghost", slug="ghost"))
        session.flush()
    assert db.scalar(select(Organization).where(Organization.slug == "ghost")) is None


def test_sqlite_uses_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    engine.dispose()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "invalid RUNSEASON_DATABASE_URL"),
        ("mysql://u@h/db", "unsupported database 'mysql'"),
        ("postgresql+nosuchdriver://u@h/db", "invalid RUNSEASON_DATABASE_URL"),
    ],
)
def test_bad_database_url_gives_one_clear_error(url: str, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        create_db_engine(url)


def test_unreachable_database_fails_after_retries_with_backoff(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sleeps: list[float] = []
    monkeypatch.setattr("runseason.db.session.time.sleep", sleeps.append)
    settings = load_settings(db_connect_retries=3, db_connect_backoff_s=0.25)
    engine = create_db_engine("postgresql+psycopg://nobody@127.0.0.1:1/none", settings)
    with pytest.raises(DatabaseUnavailable, match="after 3 tries"):
        wait_for_database(engine, settings)
    assert sleeps == [0.25, 0.5]


def _gated_engine(tmp_path: Path, busy_ms: int = 5000) -> Engine:
    settings = load_settings(sqlite_busy_timeout_ms=busy_ms)
    engine = create_db_engine(f"sqlite:///{tmp_path / 'gate.db'}", settings)
    migrate.upgrade(engine)
    use_session_factory(make_session_factory(engine))
    return engine


def test_sqlite_writers_of_one_process_take_turns_at_their_first_write(tmp_path: Path) -> None:
    engine = _gated_engine(tmp_path)
    first_inside, second_read, release = threading.Event(), threading.Event(), threading.Event()
    order: list[str] = []

    def first() -> None:
        with session_scope() as session:
            session.add(Organization(name="First", slug="first"))
            session.flush()
            first_inside.set()
            release.wait(5)
            order.append("first leaves")

    def second() -> None:
        first_inside.wait(5)
        with session_scope() as session:
            session.scalars(select(Organization.slug)).all()  # a read never waits
            order.append("second read")
            second_read.set()
            session.add(Organization(name="Second", slug="second"))
            session.flush()
            order.append("second wrote")

    try:
        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        for t in threads:
            t.start()
        assert second_read.wait(5)
        time.sleep(0.2)  # the second writer is waiting for the lock by now
        assert order == ["second read"]
        release.set()
        for t in threads:
            t.join(10)
        assert order == ["second read", "first leaves", "second wrote"]
        with session_scope(readonly=True) as session:
            assert set(session.scalars(select(Organization.slug))) == {"first", "second"}
        assert session_module._write_locks[engine].turn.acquire(blocking=False)  # given back
    finally:
        use_session_factory(None)
        engine.dispose()


def test_a_writer_that_waits_past_the_busy_timeout_gets_a_clear_error_and_writes_nothing(
    tmp_path: Path,
) -> None:
    engine = _gated_engine(tmp_path, busy_ms=200)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with session_scope() as session:
            begin_writes(session)
            holding.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        holding.wait(5)
        with pytest.raises(DatabaseBusy, match="busy"), session_scope() as session:
            session.add(Organization(name="Late", slug="late"))
        # Reads never wait for the writer, in a reading or a writing scope.
        for readonly in (True, False):
            with session_scope(readonly=readonly) as session:
                found = session.scalar(select(Organization).where(Organization.slug == "late"))
                assert found is None
        release.set()
        holder.join(10)
        with session_scope() as session:  # the lock is free again once the holder left
            session.add(Organization(name="Later", slug="later"))
        with session_scope(readonly=True) as session:
            assert set(session.scalars(select(Organization.slug))) == {"later"}
    finally:
        release.set()
        holder.join(10)
        use_session_factory(None)
        engine.dispose()


# Run by another Python process: write an organization while holding the lock for half a second.
HOLD_THE_TURN = """
import sys, time
from runseason.db.models import Organization
from runseason.db.session import create_db_engine, make_session_factory, session_scope
from runseason.db.session import use_session_factory
engine = create_db_engine(f"sqlite:///{sys.argv[1]}")
use_session_factory(make_session_factory(engine))
with session_scope() as session:
    session.add(Organization(name="Other process", slug="other-process"))
    session.flush()
    print("holding", flush=True)
    time.sleep(0.5)
engine.dispose()
"""


def test_a_writer_of_another_process_holds_the_lock_until_it_commits(tmp_path: Path) -> None:
    engine = _gated_engine(tmp_path)
    other = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_TURN, str(tmp_path / "gate.db")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None
        assert other.stdout.readline().strip() == "holding"
        with session_scope() as session:
            begin_writes(session)  # waits for the other process's commit
            seen = set(session.scalars(select(Organization.slug)))
            session.add(Organization(name="This process", slug="this-process"))
        assert seen == {"other-process"}
        assert (tmp_path / "gate.db.write-lock").exists()
        assert other.wait(30) == 0
    finally:
        other.kill()
        other.communicate(timeout=30)  # reaps it and closes its pipe
        use_session_factory(None)
        engine.dispose()


def test_a_writer_waits_for_the_file_lock_and_gives_up_at_the_busy_timeout(
    tmp_path: Path,
) -> None:
    engine = _gated_engine(tmp_path, busy_ms=300)
    held = os.open(tmp_path / "gate.db.write-lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(held, fcntl.LOCK_EX)  # as another process holding the lock would
    try:
        with pytest.raises(DatabaseBusy, match="busy"), session_scope() as session:
            session.add(Organization(name="Late", slug="late"))
        done = threading.Event()

        def write() -> None:
            with session_scope() as session:
                session.add(Organization(name="Later", slug="later"))
            done.set()

        writer = threading.Thread(target=write)
        writer.start()
        assert not done.wait(0.1)  # still waiting for the lock
        fcntl.flock(held, fcntl.LOCK_UN)
        writer.join(10)
        assert done.is_set()
        with session_scope(readonly=True) as session:
            assert set(session.scalars(select(Organization.slug))) == {"later"}
        # The lock is this process's again after each writer: a third one writes at once.
        with session_scope() as session:
            session.add(Organization(name="Third", slug="third"))
    finally:
        os.close(held)
        use_session_factory(None)
        engine.dispose()


def test_an_in_memory_database_has_no_lock_file() -> None:
    engine = create_db_engine("sqlite://")
    lock = session_module._write_locks[engine]
    assert lock.file is None
    assert lock.acquire()
    lock.release()
    engine.dispose()


def test_postgresql_engines_have_no_write_lock() -> None:
    engine = create_db_engine("postgresql+psycopg://someone@127.0.0.1:1/nowhere")
    assert write_lock_of(engine) is None
    engine.dispose()


def test_postgresql_connections_run_without_jit() -> None:
    """Compiling a statement with JIT took longer than running the platform's short statements."""
    engine = create_db_engine("postgresql+psycopg://someone@127.0.0.1:1/nowhere")
    seen: dict[str, object] = {}

    @event.listens_for(engine, "do_connect")
    def capture(_dialect: object, _rec: object, _args: object, params: dict[str, object]) -> None:
        seen.update(params)
        raise ConnectionAbortedError("captured the connection's parameters")

    with pytest.raises(ConnectionAbortedError):
        engine.connect()
    assert seen["options"] == "-c jit=off -c TimeZone=UTC"
    assert seen["connect_timeout"] == 5
    engine.dispose()


def _pinged_engine(tmp_path: Path, idle_s: float) -> tuple[Engine, list[int]]:
    """A file engine with idle pings, and the ids of the connections its pings reached."""
    engine = create_engine(f"sqlite:///{tmp_path / 'ping.db'}", pool_size=1, max_overflow=0)
    ping_when_idle(engine, idle_s)
    pings: list[int] = []
    do_ping = engine.dialect.do_ping

    def counted(dbapi_connection: object) -> bool:
        pings.append(id(dbapi_connection))
        return do_ping(dbapi_connection)  # type: ignore[arg-type]

    engine.dialect.do_ping = counted  # type: ignore[method-assign]
    return engine, pings


def test_a_connection_in_steady_use_is_not_pinged(tmp_path: Path) -> None:
    engine, pings = _pinged_engine(tmp_path, idle_s=60)
    for _ in range(3):
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    assert pings == []
    engine.dispose()


def test_an_idle_connection_is_pinged_and_a_dead_one_replaced(tmp_path: Path) -> None:
    engine, pings = _pinged_engine(tmp_path, idle_s=0)
    with engine.connect() as connection:  # new: no ping
        first = connection.connection.dbapi_connection
    with engine.connect() as connection:  # back from the pool after "idling": pinged
        assert connection.connection.dbapi_connection is first
    assert pings == [id(first)]
    assert first is not None
    first.close()  # the database went away under the pooled connection
    with engine.connect() as connection:
        assert connection.connection.dbapi_connection is not first
        assert connection.execute(text("SELECT 1")).scalar() == 1
    engine.dispose()


def test_postgresql_engines_ping_idle_connections_not_every_checkout() -> None:
    engine = create_db_engine("postgresql+psycopg://user@127.0.0.1:1/none")
    assert not engine.pool._pre_ping
    listeners = [getattr(f, "__name__", "") for f in engine.pool.dispatch.checkout]
    assert "_checked_out" in listeners  # the idle ping
    engine.dispose()


def _in_transaction(session: Session) -> bool:
    dbapi = session.connection().connection.dbapi_connection
    if session.get_bind().dialect.name == "sqlite":
        return bool(dbapi.in_transaction)  # type: ignore[union-attr]
    return dbapi.info.transaction_status.name != "IDLE"  # type: ignore[union-attr]


def test_a_read_runs_outside_a_transaction_on_postgresql_and_a_write_inside_one(
    tmp_path: Path,
) -> None:
    """``autocommit`` spares a read PostgreSQL's BEGIN and COMMIT round trips; on SQLite, where
    they are calls in the process, a read keeps its transaction."""
    with migrated_factory(tmp_path, "autocommit") as (engine, factory):
        use_session_factory(factory)
        try:
            with session_scope(autocommit=True) as read:
                read.execute(select(Organization.id)).all()
                read_in_transaction = _in_transaction(read)
                read.add(Organization(name="Touched", slug="touched"))
                read.flush()
                with engine.connect() as other:  # a read's own write is committed at once
                    seen = other.scalar(
                        select(Organization.id).where(Organization.slug == "touched")
                    )
            with session_scope() as write:
                write.execute(select(Organization.id)).all()
                write_in_transaction = _in_transaction(write)
        finally:
            use_session_factory(None)
    postgresql = engine.dialect.name == "postgresql"
    assert read_in_transaction is not postgresql
    assert (seen is not None) is postgresql
    assert write_in_transaction
    assert (autocommit_factory(factory) is factory) is not postgresql
