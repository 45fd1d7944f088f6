"""What every command shares: expected errors become one line on stderr and exit code 1."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from runseason import context
from runseason.cli.common import cli_command, echo_json, fail
from runseason.errors import NotFound

app = typer.Typer()


@app.command()
@cli_command
def look(name: str) -> None:
    """Find ``name``, or fail as a command does."""
    if name == "missing":
        raise NotFound("No athlete called 'missing'.")
    echo_json({"name": name, "job": context.current().request_id is not None})


def test_a_command_runs_in_its_own_job_context() -> None:
    result = CliRunner().invoke(app, ["greta"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"name": "greta", "job": True}


def test_an_expected_error_is_one_line_and_exit_code_1() -> None:
    result = CliRunner().invoke(app, ["missing"])
    assert result.exit_code == 1
    assert result.stderr == "error: No athlete called 'missing'.\n"


def test_fail_says_the_message_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    exit_ = fail("no database")
    assert exit_.exit_code == 1
    assert capsys.readouterr().err == "error: no database\n"
