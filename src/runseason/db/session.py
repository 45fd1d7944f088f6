"""Engines and the one transaction boundary, ``session_scope()``.

Entry points wrap each use-case in ``session_scope()``; services only ``flush()``. SQLite uses WAL
mode with foreign keys and a busy timeout; writing transactions take the write lock up front
(``BEGIN IMMEDIATE``) so that two concurrent read-then-write use-cases wait for each other instead
of failing, while read-only scopes use a deferred ``BEGIN`` and never block. Writing scopes of
one process first wait their turn on an in-process queue, so the lock passes from one writer to
the next at once (see ``_write_gates``).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic_core import from_json
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from runseason.config import Settings, get_settings
from runseason.db import audit
from runseason.errors import ConfigurationError, DatabaseBusy, DatabaseUnavailable, RunSeasonError

try:
    import fcntl
except ImportError:  # pragma: no cover (not on Windows: writers of other processes poll SQLite)
    fcntl = None  # type: ignore[assignment]

_lock = threading.Lock()
_engine: Engine | None = None
_factory: sessionmaker[Session] | None = None

READONLY_OPTION = "runseason_readonly"

# One writer at a time per SQLite engine. SQLite lets one transaction write; the others poll for
# the lock with growing sleeps (1, 2, 5 ... 100 ms), so under load the lock sat free while every
# waiter slept, and a request's wait grew far past the work queued before it. Writers of one
# process wait on a lock that wakes the next one at once; writers of other processes on the same
# file (the refresh worker, the web app) take turns on a lock file beside the database, polled
# every millisecond at most, and only then begin. See ``WriteGate``.
_write_gates: weakref.WeakKeyDictionary[Engine, WriteGate] = weakref.WeakKeyDictionary()

GATE_POLL_S = (0.0001, 0.001)  # first and longest sleep between tries of another process's turn


class WriteGate:
    """The turn to write to one SQLite database: this process's queue, then the file's turn.

    ``acquire`` waits at most ``timeout`` seconds in all. The file's turn is an exclusive
    ``flock`` on ``<database>.write-lock`` (where the system has ``flock``; elsewhere, and for an
    in-memory database, only this process's queue), taken without blocking and retried after
    short sleeps, so that a stuck holder still ends in the busy timeout.
    """

    def __init__(self, timeout: float, lock_path: Path | None = None) -> None:
        self.timeout = timeout
        self.turn = threading.Lock()
        self.lock_path = lock_path if fcntl is not None else None
        self._fd: int | None = None

    def _file(self) -> int:
        if self._fd is None:  # under ``turn``: one open file description per process
            assert self.lock_path is not None
            self._fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            weakref.finalize(self, os.close, self._fd)
        return self._fd

    def acquire(self) -> bool:
        """Wait for the turn; False if it did not come within the timeout."""
        deadline = time.monotonic() + self.timeout
        if not self.turn.acquire(timeout=self.timeout):
            return False
        if self.lock_path is None or fcntl is None:
            return True
        try:
            fd = self._file()
            sleep = GATE_POLL_S[0]
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return True
                except BlockingIOError:
                    pass
                if time.monotonic() >= deadline:
                    self.turn.release()
                    return False
                time.sleep(sleep)
                sleep = min(sleep * 2, GATE_POLL_S[1])
        except BaseException:
            self.turn.release()
            raise

    def release(self) -> None:
        """Give the turn to the next writer."""
        try:
            if self._fd is not None and fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self.turn.release()


def create_db_engine(url: str, settings: Settings | None = None, **kwargs: Any) -> Engine:
    """Create an engine for ``url`` with the platform's pool and SQLite settings."""
    settings = settings or get_settings()
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigurationError(
            "invalid RUNSEASON_DATABASE_URL: expected sqlite:///path or "
            "postgresql+psycopg://user:password@host:port/database"
        ) from None
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(url, settings, **kwargs)
        if parsed.get_backend_name() != "postgresql":
            raise ConfigurationError(
                f"unsupported database '{parsed.get_backend_name()}': use SQLite or PostgreSQL"
            )
        options: dict[str, Any] = {
            "pool_size": settings.db_pool_size,
            "max_overflow": settings.db_max_overflow,
            "pool_timeout": settings.db_pool_timeout_s,
            "pool_pre_ping": True,
            # The platform's statements are short: compiling one with JIT (which PostgreSQL
            # starts on any plan it estimates as costly, such as a batch read of two years of
            # days) took longer than running it. Timestamps come back in UTC, the zone the
            # platform works in, so reading one makes no conversion.
            "connect_args": {"connect_timeout": 5, "options": "-c jit=off -c TimeZone=UTC"},
            "json_deserializer": from_json,
            "hide_parameters": True,  # error texts must never carry health values
        }
        options.update(kwargs)
        return create_engine(url, **options)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise ConfigurationError(f"invalid RUNSEASON_DATABASE_URL: {exc}") from None


def _sqlite_engine(url: str, settings: Settings, **kwargs: Any) -> Engine:
    database = make_url(url).database
    on_disk = bool(database) and database != ":memory:" and not str(database).startswith("file:")
    if on_disk:
        Path(str(database)).parent.mkdir(parents=True, exist_ok=True)
    options: dict[str, Any] = {
        "connect_args": {
            "check_same_thread": False,
            "timeout": settings.sqlite_busy_timeout_ms / 1000,
        },
        "pool_size": settings.db_pool_size,
        "max_overflow": settings.db_max_overflow,
        "pool_timeout": settings.db_pool_timeout_s,
        "json_deserializer": from_json,
        "hide_parameters": True,  # error texts must never carry health values
    }
    if not database or database == ":memory:":
        options = {
            "connect_args": {"check_same_thread": False},
            "json_deserializer": from_json,
            "hide_parameters": True,
        }
    options.update(kwargs)
    engine = create_engine(url, **options)
    busy_ms = settings.sqlite_busy_timeout_ms
    lock_path = Path(f"{database}.write-lock") if on_disk else None
    _write_gates[engine] = WriteGate(busy_ms / 1000, lock_path)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (savepoints work).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        if database and database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        readonly = connection.get_execution_options().get(READONLY_OPTION, False)
        connection.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    return engine


def wait_for_database(engine: Engine, settings: Settings | None = None) -> None:
    """Connect with exponential backoff; after the last try raise one clear error."""
    settings = settings or get_settings()
    delay = settings.db_connect_backoff_s
    last: Exception | None = None
    for attempt in range(1, settings.db_connect_retries + 1):
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return
        except OperationalError as exc:
            last = exc
            if attempt < settings.db_connect_retries:
                time.sleep(delay)
                delay *= 2
    reason = str(getattr(last, "orig", last)).strip().splitlines()[0] if last else "unknown"
    where = engine.url.render_as_string(hide_password=True)
    raise DatabaseUnavailable(
        f"database unreachable at {where} after {settings.db_connect_retries} tries: {reason}"
    )


def get_engine() -> Engine:
    """The process-wide engine, created on first use from the settings."""
    global _engine
    with _lock:
        if _engine is None:
            settings = get_settings()
            _engine = create_db_engine(settings.database_url.get_secret_value(), settings)
        return _engine


def get_session_factory() -> sessionmaker[Session]:
    """The process-wide session factory (tests may replace it with ``use_session_factory``)."""
    global _factory
    if _factory is None:
        engine = get_engine()
        with _lock:
            if _factory is None:
                _factory = make_session_factory(engine)
    return _factory


def make_session_factory(bind: Any, **kwargs: Any) -> sessionmaker[Session]:
    """A session factory with the audit listener attached and objects kept after commit."""
    factory = sessionmaker(bind=bind, expire_on_commit=False, **kwargs)
    audit.install(factory)
    return factory


def use_session_factory(factory: sessionmaker[Session] | None) -> None:
    """Replace (or with ``None`` forget) the process-wide session factory."""
    global _factory
    _factory = factory


def dispose_engine() -> None:
    """Close the pool and forget the engine and factory (tests, CLI and shutdown)."""
    global _engine, _factory
    with _lock:
        if _engine is not None:
            _engine.dispose()
        _engine = None
        _factory = None


@contextlib.contextmanager
def session_scope(*, readonly: bool = False) -> Iterator[Session]:
    """Run one use-case: commit if the block succeeds, roll back if it raises.

    An error raised with ``keep_changes=True`` (a failed sign-in counting towards the lockout) is
    committed before it propagates: the refusal is the outcome, and its record must stay.
    """
    session = get_session_factory()()
    gate = None if readonly else _write_gate(session)
    if gate is not None and not gate.acquire():
        session.close()
        raise DatabaseBusy("The database is busy with other changes; retry in a moment.")
    if readonly:
        session.connection(execution_options={READONLY_OPTION: True})
    try:
        yield session
        if readonly:
            session.rollback()
        else:
            session.commit()
    except RunSeasonError as error:
        if error.keep_changes and not readonly:
            session.commit()
        else:
            session.rollback()
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        try:
            session.close()
        finally:
            if gate is not None:
                gate.release()


def writers_take_turns() -> bool:
    """Whether a writing scope of the process-wide factory may wait for its turn (SQLite)."""
    return _gate_of(get_session_factory().kw.get("bind")) is not None


def _write_gate(session: Session) -> WriteGate | None:
    """The writers' turn of the session's SQLite engine (None for PostgreSQL)."""
    return _gate_of(session.get_bind())


def _gate_of(bind: Any) -> WriteGate | None:
    engine = bind.engine if isinstance(bind, Connection) else bind
    return _write_gates.get(engine) if isinstance(engine, Engine) else None
