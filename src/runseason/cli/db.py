"""``runseason db``: migrate the schema up or down and show where it stands."""

from __future__ import annotations

import typer

from runseason.cli.common import cli_command
from runseason.db import migrate
from runseason.db.session import get_engine, wait_for_database

db_app = typer.Typer(name="db", help="Database schema migrations.", no_args_is_help=True)


@db_app.command("upgrade")
@cli_command
def upgrade(revision: str = typer.Option("head", help="Target revision.")) -> None:
    """Migrate the database up to the newest schema (or to --revision)."""
    engine = get_engine()
    wait_for_database(engine)
    migrate.upgrade(engine, revision)
    typer.echo(f"database at revision {migrate.current_revision(engine)}")


@db_app.command("downgrade")
@cli_command
def downgrade(revision: str = typer.Option("-1", help="Target revision, or 'base'.")) -> None:
    """Migrate the database down one step (or to --revision)."""
    engine = get_engine()
    wait_for_database(engine)
    migrate.downgrade(engine, revision)
    typer.echo(f"database at revision {migrate.current_revision(engine) or 'base (empty)'}")


@db_app.command("current")
@cli_command
def current() -> None:
    """Print the database's revision and whether it is the newest."""
    engine = get_engine()
    wait_for_database(engine)
    revision = migrate.current_revision(engine)
    head = migrate.head_revision()
    state = "up to date" if revision == head else f"behind (head is {head})"
    typer.echo(f"{revision or 'base (empty)'}: {state}")
