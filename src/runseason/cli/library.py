"""``runseason library``: load the built-in session library into the database."""

from __future__ import annotations

import typer

from runseason.cli.common import cli_command
from runseason.db.session import session_scope
from runseason.domain.library import builtin_templates
from runseason.services.plans import library

library_app = typer.Typer(
    name="library", help="The built-in session library.", no_args_is_help=True
)


@library_app.command("sync")
@cli_command
def sync() -> None:
    """Insert or update the built-in templates (safe to run again)."""
    with session_scope() as session:
        changed = library.sync_builtin_library(session)
    total = len(builtin_templates())
    typer.echo(f"session library: {total} built-in templates, {changed} added or updated")
