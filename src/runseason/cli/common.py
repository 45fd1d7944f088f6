"""What every CLI command shares: one clear line on stderr and exit code 1 for expected errors."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import typer

from runseason.context import request_scope
from runseason.errors import RunSeasonError

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str) -> typer.Exit:
    """Print ``message`` on stderr and return the exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=1)


def cli_command(func: Callable[P, R]) -> Callable[P, R]:
    """Run a command in its own job context and turn ``RunSeasonError`` into one line, exit 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with request_scope(kind="job_id"):
            try:
                return func(*args, **kwargs)
            except RunSeasonError as error:
                raise fail(error.message) from None

    return wrapper


def echo_json(data: Any) -> None:
    """Print ``data`` as indented JSON on stdout."""
    typer.echo(json.dumps(data, indent=2, default=str))
