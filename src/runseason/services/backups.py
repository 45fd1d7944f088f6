"""Scheduled backups: the worker writes a copy of the database every interval, keeping N.

The scheduler's job ``backups.scheduled`` names each copy after the interval it belongs to
(``runseason-<UTC start of the slot>.<kind>``), so a job that fires twice, or in two
processes, finds the slot's copy already there and writes none; copies beyond ``backup_keep``
go, oldest first. The copy is the one ``runseason backup`` writes (db/backup.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import structlog

from runseason.config import Settings, get_settings
from runseason.db.backup import backup_database
from runseason.errors import InvalidInput

log = structlog.get_logger("runseason.backups")
PREFIX = "runseason-"


def slot_name(now: datetime, settings: Settings) -> str:
    """The file name of the copy for the interval ``now`` falls in."""
    seconds = settings.backup_interval_hours * 3600
    start = datetime.fromtimestamp(int(now.timestamp() // seconds * seconds), UTC)
    kind = "sqlite" if settings.is_sqlite else "dump"
    return f"{PREFIX}{start:%Y%m%dT%H%M%SZ}.{kind}"


def copies(directory: Path) -> list[Path]:
    """The scheduled copies in ``directory``, oldest first (their names sort by time)."""
    return sorted(directory.glob(f"{PREFIX}*"))


def run_scheduled_backup(*, now: datetime) -> Path | None:
    """Write this interval's copy if it is not there yet, then keep the newest ``backup_keep``."""
    settings = get_settings()
    if settings.backup_dir is None:
        return None
    directory = Path(settings.backup_dir)
    target = directory / slot_name(now, settings)
    written = None
    if not target.exists():
        try:
            backup_database(settings.database_url.get_secret_value(), target)
            written = target
            log.info("backup.written", file=target.name, bytes=target.stat().st_size)
        except InvalidInput:  # another process wrote this slot's copy a moment ago
            written = None
    for old in copies(directory)[: -settings.backup_keep]:
        old.unlink(missing_ok=True)
    return written
