"""A backup taken while writes go on restores into a fresh database that the API serves."""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, MetaData, func, insert, select, text

from runseason.api.app import create_app
from runseason.db import migrate
from runseason.db.backup import backup_database, backup_kind, restore_database
from runseason.db.models import ErrorEvent
from runseason.db.session import create_db_engine, make_session_factory, use_session_factory
from runseason.errors import InvalidInput
from runseason.services.identity import ratelimit
from tests.api.conftest import login
from tests.dbutil import fresh_database_url
from tests.factories import make_world

WRITTEN = "error_events"  # the table a writer keeps filling while the backup runs


def _tables(engine: Engine) -> MetaData:
    meta = MetaData()
    meta.reflect(engine)
    return meta


def _fingerprint(engine: Engine, skip: str) -> dict[str, tuple[int, str]]:
    """Each table's row count and a checksum of its rows, in key order."""
    found = {}
    with engine.connect() as conn:
        for table in _tables(engine).sorted_tables:
            if table.name in (skip, "alembic_version"):
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            rows = conn.execute(select(table).order_by(*order)).all()
            digest = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
            found[table.name] = (len(rows), digest)
    return found


def _count(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(text(table))).scalar_one())


def _keep_writing(engine: Engine, stop: threading.Event) -> None:
    for n in range(5000):  # bounded: the backup ends long before
        if stop.is_set():
            return
        with engine.begin() as conn:
            conn.execute(
                insert(ErrorEvent).values(
                    occurred_at=datetime.now(UTC), level="error", logger="t", message=f"w{n}"
                )
            )


def test_backup_during_writes_restores_equal_and_serves(tmp_path: Path) -> None:
    with fresh_database_url(tmp_path, "source") as source_url:
        source = create_db_engine(source_url)
        migrate.upgrade(source)
        with make_session_factory(source)() as session:
            email = make_world(session).cole.email
            session.commit()
        before_writes = _count(source, WRITTEN)
        stop = threading.Event()
        writer = threading.Thread(target=_keep_writing, args=(source, stop))
        writer.start()
        try:
            info = backup_database(source_url, tmp_path / "backup.file")
        finally:
            stop.set()
            writer.join(timeout=60)
        expected = _fingerprint(source, skip=WRITTEN)
        after_writes = _count(source, WRITTEN)
        source.dispose()
        assert backup_kind(info.path) == info.kind
        with fresh_database_url(tmp_path, "restored") as restored_url:
            restore_database(info.path, restored_url)
            restored = create_db_engine(restored_url)
            try:
                assert _fingerprint(restored, skip=WRITTEN) == expected
                assert before_writes <= _count(restored, WRITTEN) <= after_writes
                assert migrate.current_revision(restored) == migrate.head_revision()
                if restored.dialect.name == "sqlite":
                    with restored.connect() as conn:
                        check = conn.execute(text("PRAGMA integrity_check")).scalar_one()
                    assert check == "ok"
                use_session_factory(make_session_factory(restored))
                ratelimit.reset_limiter()
                with TestClient(create_app(), raise_server_exceptions=False) as client:
                    me = client.get("/api/v1/me", headers=login(client, email))
                assert me.status_code == 200
                assert me.json()["email"] == email
            finally:
                use_session_factory(None)
                restored.dispose()


def test_a_file_that_is_no_backup_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database")
    with pytest.raises(InvalidInput, match="neither a SQLite backup nor a pg_dump archive"):
        restore_database(bogus, f"sqlite:///{tmp_path / 'x.db'}")


def test_a_backup_never_overwrites_a_file(tmp_path: Path) -> None:
    taken = tmp_path / "taken.sqlite"
    taken.write_bytes(b"keep me")
    with pytest.raises(InvalidInput, match="exists already"):
        backup_database(f"sqlite:///{tmp_path / 'db.sqlite'}", taken)
    assert taken.read_bytes() == b"keep me"
