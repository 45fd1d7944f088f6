"""``runseason import PATH... --athlete EMAIL``: a runner's history from files and archives."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from runseason.cli.common import cli_command
from runseason.services import import_jobs
from runseason.services.imports import ItemResult

LABEL = {
    "imported": "imported",
    "merged": "merged into a session already there",
    "already imported": "already imported, skipped",
    "refused": "refused",
}


@cli_command
def import_history(
    paths: Annotated[
        list[Path], typer.Argument(help="Activity files (FIT, GPX, TCX, CSV), folders, archives.")
    ],
    athlete: Annotated[str, typer.Option("--athlete", help="The athlete's sign-in email.")],
    quiet: Annotated[bool, typer.Option("--quiet", help="Print the summary only.")] = False,
) -> None:
    """Import a runner's history; a re-run skips what was imported and ends with a summary of
    imported, duplicate and refused files and why."""

    def report(result: ItemResult) -> None:
        if not quiet:
            reason = f": {result.reason}" if result.reason else ""
            typer.echo(f"{result.name}: {LABEL[result.outcome]}{reason}")

    runs = import_jobs.import_paths(paths, athlete, on_item=report)
    imported = sum(r.rows_imported for r in runs)
    duplicates = sum(r.rows_duplicate for r in runs)
    refused = [error for r in runs for error in r.errors]
    typer.echo(
        f"Summary: {imported} imported, {duplicates} duplicates (merged or already imported), "
        f"{len(refused)} refused."
    )
    for reason in refused:
        typer.echo(f"  refused {reason}")
    if refused and not imported and not duplicates:
        raise typer.Exit(code=1)
