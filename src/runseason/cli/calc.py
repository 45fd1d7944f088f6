"""``runseason calc``: the calculators coaches use every day, as text or ``--json``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from runseason.cli.common import cli_command, echo_json, fail
from runseason.domain.units import format_duration, format_pace
from runseason.services import calculators

calc_app = typer.Typer(
    name="calc",
    help="Pace, VDOT, race-time and training-load calculators.",
    no_args_is_help=True,
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


Source = Annotated[
    str | None,
    typer.Argument(
        help="a file of daily loads (one a line, or date,load); standard input if left out"
    ),
]
LoadJson = Annotated[bool, typer.Option("--json", help="JSON: a list of one object per day")]


@calc_app.command("load")
@cli_command
def load(source: Source = None, as_json: LoadJson = False) -> None:
    """Daily fitness, fatigue, form, ramp, ACWR, monotony and strain from daily loads."""
    if source in (None, "-"):
        text = typer.get_text_stream("stdin").read()
    else:
        try:
            text = Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise fail(
                f"cannot read {source}: {getattr(error, 'strerror', None) or error}"
            ) from None
    report = calculators.load_report(text)
    if as_json:
        echo_json(
            [d.model_dump(exclude={"date"} if d.date is None else set()) for d in report.days]
        )
        return
    dated = report.days[0].date is not None
    typer.echo(
        f"{'Date' if dated else 'Day':<10} {'Load':>7} {'CTL':>7} {'ATL':>7} {'Form':>7} "
        f"{'Ramp':>6} {'ACWR':>5} {'ACWR-u':>6} {'Monot.':>6} {'Strain':>7}"
    )
    for d in report.days:
        typer.echo(
            f"{str(d.date) if dated else str(d.day):<10} {d.load:>7.1f} {d.ctl:>7.2f} "
            f"{d.atl:>7.2f} {d.form:>7.2f} {_cell(d.ramp, 6, 2)} {_cell(d.acwr, 5, 2)} "
            f"{_cell(d.acwr_uncoupled, 6, 2)} {_cell(d.monotony, 6, 2)} {_cell(d.strain, 7, 1)}"
        )
    typer.echo(report.caution)


def _cell(value: float | None, width: int, digits: int) -> str:
    """A right-aligned number, or a dash where the figure needs more days."""
    return f"{'-':>{width}}" if value is None else f"{value:>{width}.{digits}f}"
