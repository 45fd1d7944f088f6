"""``runseason demo``: create or refresh the demo organization, or a larger generated data set."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from runseason.cli.common import cli_command
from runseason.db.types import utcnow
from runseason.demo import DemoResult, DemoSpec, create_demo, write_credentials

DEFAULT_CREDENTIALS = Path("var/demo-credentials.txt")


def run_demo(
    spec: DemoSpec, credentials: Path, *, quiet: bool = False, bulk: bool = False
) -> DemoResult:
    """Generate with a progress bar, write the sign-ins file and print them once."""
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=True,
        disable=quiet,
    ) as bar:
        task = bar.add_task(f"simulating {spec.weeks} weeks of {spec.athletes} athletes", total=1)

        def step(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        result = create_demo(spec, today=utcnow(), progress=step, bulk=bulk)
    path = write_credentials(credentials, result.accounts)
    typer.echo(
        f"Demo organization '{spec.name}': {result.athletes} athletes, "
        f"{result.checkins} check-ins, {result.sessions} sessions, "
        f"{result.interventions_open} open interventions."
    )
    typer.echo(f"Sign-ins (also in {path}, readable only by you):")
    shown = [a for a in result.accounts if a.role != "athlete"] + [
        a for a in result.accounts if a.role == "athlete"
    ][:3]
    for a in shown:
        typer.echo(f"  {a.role:<8} {a.email:<40} {a.password}")
    if len(shown) < len(result.accounts):
        typer.echo(f"  ... and {len(result.accounts) - len(shown)} more athletes in the file")
    return result


def demo(
    athletes: Annotated[int, typer.Option(min=1, max=20_000, help="How many athletes.")] = 40,
    weeks: Annotated[int, typer.Option(min=2, max=104, help="Weeks of history.")] = 16,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed, the same data.")] = 7,
    coaches: Annotated[int, typer.Option(min=1, max=500, help="How many coaches.")] = 3,
    credentials: Annotated[
        Path, typer.Option(help="Where to write the sign-ins (mode 0600).")
    ] = DEFAULT_CREDENTIALS,
    bulk: Annotated[
        bool,
        typer.Option(
            help="Write the simulated days as rows (benchmark volumes): same metrics for the "
            "same seed, no readiness scores, recommendations or interventions."
        ),
    ] = False,
) -> None:
    """Create (or refresh) the demo organization: an admin, coaches and athletes with history."""
    cli_command(run_demo)(
        DemoSpec(athletes=athletes, coaches=coaches, weeks=weeks, seed=seed),
        credentials,
        bulk=bulk,
    )
