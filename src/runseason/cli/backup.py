"""``runseason backup`` and ``runseason restore``: the database to a file and back."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from runseason.cli.common import cli_command, fail
from runseason.config import get_settings
from runseason.db import backup as backups
from runseason.db.session import dispose_engine


def _default_path(database_url: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    suffix = "sqlite" if database_url.startswith("sqlite") else "dump"
    return Path("var") / "backups" / f"runseason-{stamp}.{suffix}"


@cli_command
def backup(
    path: Annotated[Path | None, typer.Argument(help="The new backup file.")] = None,
) -> None:
    """Back the database up to PATH (default ./var/backups/), safe while the platform runs."""
    url = get_settings().database_url.get_secret_value()
    info = backups.backup_database(url, path or _default_path(url))
    typer.echo(f"{info.kind} backup written to {info.path} ({info.size_bytes:,} bytes)")


@cli_command
def restore(
    path: Annotated[Path, typer.Argument(help="A file written by `runseason backup`.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Replace the database's contents without asking.")
    ] = False,
) -> None:
    """Replace the database's contents with a backup's (stop the platform first)."""
    if not yes and not typer.confirm("Replace everything in the database with this backup?"):
        raise fail("restore cancelled; nothing changed")
    dispose_engine()
    backups.restore_database(path, get_settings().database_url.get_secret_value())
    typer.echo(f"restored {path}")
