"""Engines and the one transaction boundary, ``session_scope()``.

Entry points wrap each use-case in ``session_scope()``; services only ``flush()``. SQLite uses WAL
mode with foreign keys and a busy timeout. SQLite lets one transaction write at a time, so a
transaction takes the database's write lock (``WriteLock``) when it first writes, or when a
use-case asks for it (``begin_writes``, what a row lock is on PostgreSQL), and gives it back when
it ends: reads never wait for a writer, and a read-then-write use-case that locks first is
serialized as on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import threading
import time
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from pydantic_core import from_json
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DisconnectionError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker

from runseason.config import Settings, get_settings
from runseason.db import audit, outbox
from runseason.errors import ConfigurationError, DatabaseBusy, DatabaseUnavailable, RunSeasonError

_lock = threading.Lock()
_engine: Engine | None = None
_factory: sessionmaker[Session] | None = None

_HELD = "runseason_write_lock_held"  # connection info: this connection holds the write lock
_WRITING = "runseason_writing"  # connection info: its transaction began with BEGIN IMMEDIATE
_READS = ("SELECT", "PRAGMA", "EXPLAIN", "BEGIN", "COMMIT", "ROLLBACK", "RELEASE")


class WriteLock:
    """The turn to write to one SQLite database: this process's lock, then the file's.

    Writers of this process wake each other at once (a thread lock); writers of other processes
    (the worker, the web app) take turns on ``<database>.write-lock`` with ``filelock``.
    """

    POLL_S = 0.001  # how often a writer of another process looks for the file's turn

    def __init__(self, timeout: float, lock_path: Path | None = None) -> None:
        self.timeout = timeout
        self.turn = threading.Lock()
        self.file = FileLock(lock_path, thread_local=False) if lock_path else None

    def acquire(self) -> bool:
        """Wait for the turn; False if it did not come within the timeout."""
        deadline = time.monotonic() + self.timeout
        if not self.turn.acquire(timeout=self.timeout):
            return False
        if self.file is None:
            return True
        try:
            left = max(deadline - time.monotonic(), 0.0)
            self.file.acquire(timeout=left, poll_interval=self.POLL_S)
        except Timeout:
            self.turn.release()
            return False
        except BaseException:
            self.turn.release()
            raise
        return True

    def release(self) -> None:
        """Give the turn to the next writer."""
        try:
            if self.file is not None:
                self.file.release()
        finally:
            self.turn.release()


_write_locks: weakref.WeakKeyDictionary[Engine, WriteLock] = weakref.WeakKeyDictionary()


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
            # The platform's statements are short: compiling one with JIT (which PostgreSQL
            # starts on any plan it estimates as costly, such as a batch read of two years of
            # days) took longer than running it. Timestamps come back in UTC, the zone the
            # platform works in, so reading one makes no conversion.
            "connect_args": {"connect_timeout": 5, "options": "-c jit=off -c TimeZone=UTC"},
            "json_deserializer": from_json,
            "hide_parameters": True,  # error texts must never carry health values
        }
        options.update(kwargs)
        engine = create_engine(url, **options)
        if not options.get("pool_pre_ping"):
            ping_when_idle(engine)
        return engine
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise ConfigurationError(f"invalid RUNSEASON_DATABASE_URL: {exc}") from None


# A pooled connection back from a request within this many seconds is handed out as it is;
# one idle for longer is pinged first (a restarted database or a proxy's idle timeout).
IDLE_PING_S = 10.0
_CHECKED_IN_AT = "runseason_checked_in_at"  # connection record info: when the pool got it back


def ping_when_idle(engine: Engine, idle_s: float = IDLE_PING_S) -> None:
    """Ping a pooled connection before use only when it has been idle for ``idle_s`` seconds.

    ``pool_pre_ping`` pings at every checkout, one more round trip on every request; a connection
    found dead is replaced by a fresh one, as pre-ping does.
    """

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        record.info[_CHECKED_IN_AT] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.pop(_CHECKED_IN_AT, None)
        if returned is None or time.monotonic() - returned < idle_s:
            return  # a new connection, or one in steady use
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise DisconnectionError("an idle pooled connection is gone") from error


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

    _install_write_lock(
        engine, WriteLock(busy_ms / 1000, Path(f"{database}.write-lock") if on_disk else None)
    )
    return engine


def _install_write_lock(engine: Engine, lock: WriteLock) -> None:
    """Transactions begin deferred; the first write takes ``lock``, their end frees it."""
    _write_locks[engine] = lock

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")  # deferred: a read takes no lock

    @event.listens_for(engine, "before_cursor_execute")
    def _before_execute(conn: Connection, *args: Any) -> None:
        statement, context = args[1], args[3]
        if not conn.info.get(_WRITING) and _writes(statement, context):
            _begin_writing(conn, lock)

    @event.listens_for(engine, "commit")
    def _on_commit(conn: Connection) -> None:
        _end(conn, lock, commit=True)

    @event.listens_for(engine, "rollback")
    def _on_rollback(conn: Connection) -> None:
        _end(conn, lock, commit=False)

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        if record.info.pop(_HELD, False):  # a connection returned mid-transaction
            lock.release()
        record.info.pop(_WRITING, None)


def _writes(statement: str, context: Any) -> bool:
    """Whether a statement may write (a ``WITH`` may head a write only when compiled as one)."""
    head = statement.lstrip()[:8].upper()
    if head.startswith("WITH"):
        return context is not None and bool(
            context.isinsert or context.isupdate or context.isdelete
        )
    return not head.startswith(_READS)


def _begin_writing(conn: Connection, lock: WriteLock) -> None:
    """Take the write lock for the connection and restart its transaction as a writing one.

    The deferred transaction has read at most: ending it loses nothing, and ``BEGIN IMMEDIATE``
    then sees everything committed before the lock came.
    """
    if not conn.info.get(_HELD):
        if not lock.acquire():
            raise DatabaseBusy("The database is busy with other changes; retry in a moment.")
        conn.info[_HELD] = True
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    if dbapi.in_transaction:
        dbapi.execute("COMMIT")
    dbapi.execute("BEGIN IMMEDIATE")
    conn.info[_WRITING] = True


def _end(conn: Connection, lock: WriteLock, *, commit: bool) -> None:
    """End the transaction on the driver now, then hand the write lock to the next writer."""
    conn.info.pop(_WRITING, None)
    if conn.info.pop(_HELD, False):
        dbapi = conn.connection.dbapi_connection
        assert dbapi is not None
        try:
            dbapi.commit() if commit else dbapi.rollback()
        finally:
            lock.release()


def begin_writes(session: Session) -> None:
    """Make the session's transaction a writing one now (SQLite; nothing on PostgreSQL).

    For a use-case that reads before it writes and must not have the rows it read change in
    between: the SQLite counterpart of ``SELECT ... FOR UPDATE``.
    """
    connection = session.connection()
    lock = _write_locks.get(connection.engine)
    if lock is not None and not connection.info.get(_WRITING):
        _begin_writing(connection, lock)


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
    """A session factory with the audit and outbox listeners, keeping objects after commit."""
    factory = sessionmaker(bind=bind, expire_on_commit=False, **kwargs)
    audit.install(factory)
    outbox.install(factory)
    return factory


_autocommit: weakref.WeakKeyDictionary[sessionmaker[Session], sessionmaker[Session]] = (
    weakref.WeakKeyDictionary()
)


def autocommit_factory(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """``factory`` whose sessions commit each statement on its own (no ``BEGIN``/``COMMIT``
    round trips) on a PostgreSQL engine; any other bind (SQLite, a test's connection) keeps it."""
    bind = factory.kw.get("bind")
    if not isinstance(bind, Engine) or bind.dialect.name != "postgresql":
        return factory
    found = _autocommit.get(factory)
    if found is None:
        options = {k: v for k, v in factory.kw.items() if k not in ("bind", "expire_on_commit")}
        autocommit = bind.execution_options(isolation_level="AUTOCOMMIT")
        found = _autocommit[factory] = make_session_factory(autocommit, **options)
    return found


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
def session_scope(*, readonly: bool = False, autocommit: bool = False) -> Iterator[Session]:
    """Run one use-case: commit if the block succeeds, roll back if it raises (or is read-only).

    ``autocommit`` is for a use-case that only reads (on PostgreSQL each statement commits alone;
    a read's own bookkeeping, a session's last-seen time, is one statement). An error raised with
    ``keep_changes=True`` (a failed sign-in counting towards the lockout) is committed before it
    propagates: the refusal is the outcome, and its record must stay.
    """
    factory = get_session_factory()
    session = (autocommit_factory(factory) if autocommit else factory)()
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
        session.close()


def write_lock_of(bind: Any) -> WriteLock | None:
    """The write lock of a SQLite engine (or of a connection to one); None for PostgreSQL."""
    engine = bind.engine if isinstance(bind, Connection) else bind
    return _write_locks.get(engine) if isinstance(engine, Engine) else None
