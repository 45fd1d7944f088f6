"""The ``runseason`` command: one entry for operators, coaches' calculators and developers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
import uvicorn

from runseason import runtime, scheduler, worker
from runseason.cli.accounts import org_app, user_app
from runseason.cli.backup import backup, restore
from runseason.cli.calc import calc_app
from runseason.cli.common import cli_command, echo_json, fail
from runseason.cli.data_rights import erase_org, import_export
from runseason.cli.db import db_app
from runseason.cli.demo import DEFAULT_CREDENTIALS, demo, run_demo
from runseason.cli.imports import import_history
from runseason.cli.library import library_app
from runseason.cli.reports import report_app
from runseason.config import get_settings, masked_settings, startup_warnings
from runseason.db import migrate
from runseason.db.session import get_engine, session_scope, wait_for_database
from runseason.demo import DemoSpec, database_is_empty
from runseason.errors import RunSeasonError
from runseason.logging import configure_logging
from runseason.services.plans import library

app = typer.Typer(
    name="runseason",
    help="Run Season Command: an open coaching platform for running.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
serve_app = typer.Typer(name="serve", help="Serve the platform's parts.", no_args_is_help=True)
config_app = typer.Typer(name="config", help="Inspect the settings.", no_args_is_help=True)
app.add_typer(db_app)
app.add_typer(config_app)
app.add_typer(serve_app)
app.add_typer(org_app)
app.add_typer(user_app)
app.add_typer(calc_app)
app.add_typer(library_app)
app.add_typer(report_app)
app.command("demo")(demo)
app.command("backup")(backup)
app.command("restore")(restore)
app.command("import")(import_history)
app.command("import-export")(import_export)
org_app.command("erase")(erase_org)


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
def start(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port of the web app and the API.")] = None,
    demo_data: Annotated[
        bool, typer.Option("--demo/--no-demo", help="Seed the demo organization on first start.")
    ] = True,
) -> None:
    """Migrate, seed the demo organization on an empty database, and serve the web app and API."""
    settings = get_settings()
    engine = get_engine()
    wait_for_database(engine)
    migrate.upgrade(engine)
    with session_scope() as session:
        library.sync_builtin_library(session)
    if demo_data and database_is_empty():
        typer.echo("First start: creating the demo organization (about a minute)...")
        run_demo(DemoSpec(), DEFAULT_CREDENTIALS)
    bind = host or settings.host
    listen = port or settings.ui_port
    shown = "localhost" if bind in ("127.0.0.1", "0.0.0.0") else bind  # noqa: S104
    typer.echo("")
    typer.echo(f"Run Season Command is starting on http://{shown}:{listen}/")
    typer.echo(f"  web app:  http://{shown}:{listen}/")
    typer.echo(f"  API docs: http://{shown}:{listen}/api/v1/docs")
    if DEFAULT_CREDENTIALS.exists():
        typer.echo(f"  sign in with an account from {DEFAULT_CREDENTIALS} (role, email, password)")
    for warning in startup_warnings(settings):
        typer.echo(f"warning: {warning}", err=True)
    typer.echo("Stop with Ctrl+C.")
    uvicorn.run(
        "runseason.server:build_app",
        factory=True,
        host=bind,
        port=listen,
        log_level="warning",
    )


@serve_app.command("api")
@cli_command
def serve_api(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port (RUNSEASON_API_PORT, 8000).")] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
) -> None:
    """Serve the REST API alone (production: several workers behind a proxy)."""
    settings = get_settings()
    uvicorn.run(
        "runseason.server:build_api",
        factory=True,
        host=host or settings.host,
        port=port or settings.api_port,
        workers=workers,
        log_level="warning",
        proxy_headers=True,
    )


@serve_app.command("ui")
@cli_command
def serve_ui(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port (RUNSEASON_UI_PORT, 8501).")] = None,
) -> None:
    """Serve the web app with the API mounted at /api on the same origin (as `start` does)."""
    settings = get_settings()
    uvicorn.run(
        "runseason.server:build_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.ui_port,
        log_level="warning",
    )


@app.command("worker")
@cli_command
def refresh_worker(
    once: Annotated[bool, typer.Option(help="Drain what is due now, then exit.")] = False,
    poll: Annotated[
        float | None, typer.Option(min=0.01, max=60, help="Seconds between polls when idle.")
    ] = None,
    nice: Annotated[
        int, typer.Option(min=0, max=19, help="Lower CPU priority, so requests come first.")
    ] = 10,
) -> None:
    """Run the refresh worker (athletes' metrics, snapshots and risk after their writes) and the
    scheduler (morning digests, check-in reminders, SLA ageing, the nightly rollover).

    Production runs one (or a few) beside the API processes, started with
    RUNSEASON_REFRESH_WORKER_IN_PROCESS=false; `runseason start` runs one as a thread.
    """
    if nice and hasattr(os, "nice"):
        os.nice(nice)  # background work: the athlete waiting on a request comes first
    settings = get_settings()  # a database that is not up yet: the loop logs and retries
    if once:
        typer.echo(f"refreshed {worker.drain()} athletes")
        return
    runtime.tune_collector()
    loop = worker.RefreshWorker(poll or settings.refresh_poll_seconds, worker.pause_ratio(settings))
    jobs = scheduler.Scheduler() if settings.runs_scheduler else None
    if jobs is not None:
        jobs.start()
    try:
        loop.run()
    except KeyboardInterrupt:
        typer.echo("refresh worker stopped")
    finally:
        if jobs is not None:
            jobs.stop()


@app.command("bench")
def bench(
    smoke: Annotated[bool, typer.Option(help="Tiny sizes: prove the suite runs.")] = False,
    output: Annotated[
        Path | None, typer.Option(help="Folder for latest.json (default bench/results).")
    ] = None,
    cases: Annotated[str, typer.Option(help="Comma-separated case names, or all.")] = "all",
) -> None:
    """Run the benchmark suite (bench/run.py in a checkout) and record the figures."""
    script = Path.cwd() / "bench" / "run.py"
    if not script.exists():
        raise fail("the benchmark suite lives in a checkout: run this from the repository root")
    # Run as a module from the checkout's root, where the bench package imports its records.
    args = [sys.executable, "-m", "bench.run", "--cases", cases]
    if smoke:
        args.append("--smoke")
    if output is not None:
        args += ["--output", str(output)]
    done = subprocess.run(args, check=False, cwd=script.parents[1])  # noqa: S603 (our own script)
    raise typer.Exit(done.returncode)


def main() -> None:
    """Console entry point."""
    app()
