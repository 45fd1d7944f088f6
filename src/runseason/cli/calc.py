"""``runseason calc``: the calculators coaches use every day, as text or ``--json``."""

from __future__ import annotations

from typing import Annotated

import typer

from runseason.cli.common import cli_command, echo_json
from runseason.domain.units import format_duration, format_pace
from runseason.services import calculators

calc_app = typer.Typer(
    name="calc", help="Pace, VDOT and race-time calculators.", no_args_is_help=True
)

Distance = Annotated[
    str, typer.Option(help="1500m, mile, 3k, 5k, 10k, 15k, half, marathon or metres (e.g. 8000)")
]
Time = Annotated[str, typer.Option(help="mm:ss or h:mm:ss")]
Json = Annotated[bool, typer.Option("--json", help="JSON: seconds and seconds per km")]


@calc_app.command("vdot")
@cli_command
def vdot(distance: Distance, time: Time, as_json: Json = False) -> None:
    """VDOT from a race, equivalent times and training paces."""
    report = calculators.vdot_report(distance, time)
    if as_json:
        echo_json(report.model_dump())
        return
    typer.echo(f"VDOT {report.vdot:.1f}")
    typer.echo("Equivalent times:")
    for eq in report.equivalents:
        typer.echo(f"  {eq.distance:<9} {format_duration(eq.time_s)}")
    p = report.paces
    typer.echo("Training paces (per km):")
    typer.echo(
        f"  E {format_pace(p.easy_slow_s_per_km)}-{format_pace(p.easy_fast_s_per_km)}"
        f"  M {format_pace(p.marathon_s_per_km)}  T {format_pace(p.threshold_s_per_km)}"
        f"  I {format_pace(p.interval_s_per_km)}  R {format_pace(p.repetition_s_per_km)}"
    )


@calc_app.command("predict")
@cli_command
def predict(
    distance: Distance,
    time: Time,
    target: Annotated[str, typer.Option(help="the race to predict, same forms as --distance")],
    as_json: Json = False,
) -> None:
    """Riegel, Cameron and VDOT predictions side by side."""
    report = calculators.prediction_report(distance, time, target)
    if as_json:
        echo_json(report.model_dump())
        return
    for model in report.models:
        typer.echo(f"  {model.model:<16} {format_duration(model.time_s)}")
    typer.echo(f"Range: {format_duration(report.low_s)} - {format_duration(report.high_s)}")
    if report.caution:
        typer.echo(report.caution)
