"""Backups and restores of the platform's database, safe while the platform runs.

SQLite copies through its online backup API (a consistent snapshot while writers go on);
PostgreSQL through ``pg_dump -Fc`` and ``pg_restore``. A backup file says which it is by its own
first bytes, so a restore needs no option to tell them apart.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from runseason.errors import ConfigurationError, InvalidInput

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """What a backup wrote."""

    path: Path
    kind: str  # "sqlite" or "postgresql"
    size_bytes: int


def _sqlite_file(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise InvalidInput("An in-memory database cannot be backed up.")
    return Path(url.database)


def _pg_env(url: URL) -> dict[str, str]:
    # The password travels in the environment, never on a command line others can read.
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return env


def _pg_args(url: URL) -> list[str]:
    args = ["--dbname", str(url.database)]
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    return args


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ConfigurationError(f"{name} is not installed; install the PostgreSQL client tools.")
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise ConfigurationError(f"{Path(command[0]).name} failed: {done.stderr.strip()[:500]}")


def backup_database(database_url: str, destination: Path) -> BackupInfo:
    """Write a consistent copy of the database to ``destination`` (a new file)."""
    url = make_url(database_url)
    if destination.exists():
        raise InvalidInput(f"{destination} exists already; choose a new file name.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(_sqlite_file(url))
        target = sqlite3.connect(destination)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
        check_sqlite_file(destination)
        kind = "sqlite"
    else:
        command = [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(destination)]
        _run(command + _pg_args(url), _pg_env(url))
        kind = "postgresql"
    return BackupInfo(destination, kind, destination.stat().st_size)


def check_sqlite_file(path: Path) -> None:
    """Refuse a SQLite file that fails its own integrity check."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = connection.execute("PRAGMA integrity_check").fetchone()
    finally:
        connection.close()
    if result is None or result[0] != "ok":
        raise InvalidInput(f"{path} failed SQLite's integrity check: {result}")


def backup_kind(path: Path) -> str:
    """ "sqlite" or "postgresql", from the file's first bytes."""
    if not path.is_file():
        raise InvalidInput(f"{path} is not a file.")
    with path.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise InvalidInput(f"{path} is neither a SQLite backup nor a pg_dump archive.")


def restore_database(source: Path, database_url: str) -> None:
    """Replace the database's contents with the backup's (the platform should be stopped)."""
    url = make_url(database_url)
    kind = backup_kind(source)
    target_kind = "sqlite" if url.get_backend_name() == "sqlite" else "postgresql"
    if kind != target_kind:
        raise InvalidInput(f"A {kind} backup cannot be restored into a {target_kind} database.")
    if kind == "sqlite":
        check_sqlite_file(source)
        target_path = _sqlite_file(url)
        target_path.parent.mkdir(parents=True, exist_ok=True)
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        target = sqlite3.connect(target_path)
        try:
            with target:
                backup.backup(target)
        finally:
            target.close()
            backup.close()
        return
    command = [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction"]
    _run([*command, *_pg_args(url), str(source)], _pg_env(url))
