"""The ``runseason`` command: one entry for operators, coaches' calculators and developers."""

from __future__ import annotations

import sys

import typer

from runseason.cli.accounts import org_app, user_app
from runseason.cli.calc import calc_app
from runseason.cli.common import cli_command, echo_json, fail
from runseason.cli.db import db_app
from runseason.config import get_settings, masked_settings
from runseason.errors import RunSeasonError
from runseason.logging import configure_logging

app = typer.Typer(
    name="runseason",
    help="Run Season Command: an open coaching platform for running.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
config_app = typer.Typer(name="config", help="Inspect the settings.", no_args_is_help=True)
app.add_typer(db_app)
app.add_typer(config_app)
app.add_typer(org_app)
app.add_typer(user_app)
app.add_typer(calc_app)


@app.callback()
def _setup() -> None:
    """Validate the settings and send logs to stderr, keeping stdout for command output."""
    try:
        configure_logging(get_settings(), stream=sys.stderr)
    except RunSeasonError as error:
        raise fail(error.message) from None


@config_app.command("show")
@cli_command
def show_config() -> None:
    """Print the effective settings as JSON, with secrets masked."""
    echo_json(masked_settings(get_settings()))


@app.command("start")
@cli_command
def start() -> None:
    """Start the platform (the web app and the API) on the configured ports."""
    settings = get_settings()
    typer.echo(
        "Run Season Command: the database is migrated and ready "
        f"({'SQLite' if settings.is_sqlite else 'PostgreSQL'}). The web app and the API are not "
        "part of this version yet; `runseason --help` lists what is available."
    )


def main() -> None:
    """Console entry point."""
    app()
