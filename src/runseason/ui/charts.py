"""The training charts drawn the way coaches read them elsewhere (TrainingPeaks, intervals.icu).

Fitness blue, fatigue pink, form amber on its own panel over the form zones; weekly load as
bars per week with what was planned beside what was done; a day's readiness in its band colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import altair as alt
import pandas as pd

from runseason.schemas.briefing import DayMetricRead, ProjectedDayRead, WeekRollup

Chart = Any  # an Altair chart (altair has no type information for mypy here)
FITNESS, FATIGUE, FORM = "#1f6fd1", "#d6336c", "#e8a100"
PLANNED, DONE = "#b0b7c3", "#1f6fd1"
BAND_COLOURS = {"green": "#2e7d32", "amber": "#f9a825", "red": "#c62828"}
# Form (TSB) zones as intervals.icu draws them: lower bound, upper bound, name, colour.
FORM_ZONES = [
    (25.0, 60.0, "transition", "#fff3bf"),
    (5.0, 25.0, "fresh", "#d0ebff"),
    (-10.0, 5.0, "grey zone", "#e9ecef"),
    (-30.0, -10.0, "optimal", "#d3f9d8"),
    (-60.0, -30.0, "high risk", "#ffc9c9"),
]


PROJECTED_DASH = [6, 4]
RACE_DAY_COLOUR = "#495057"


def pmc(
    days: Sequence[DayMetricRead],
    projection: Sequence[ProjectedDayRead] = (),
    race_day: date | None = None,
) -> Chart:
    """The performance management chart: fitness and fatigue, then form over its zones.

    A projection to race day continues each line dashed from today's point, with the race day
    marked on both panels.
    """
    frame = _pmc_frame(days)
    ahead = _projected_frame(days, projection)
    lines = _pmc_lines(frame, dashed=False)
    planned_days = frame if ahead.empty else pd.concat([frame, ahead.iloc[1:].drop(columns="part")])
    planned = (
        alt.Chart(planned_days)
        .mark_bar(color=PLANNED, opacity=0.5)
        .encode(
            x="day:T",
            y=alt.Y("Planned load:Q"),
            tooltip=["day:T", alt.Tooltip("Planned load:Q", format=".0f")],
        )
    )
    top = planned + lines
    if not ahead.empty:
        top = top + _pmc_lines(ahead, dashed=True) + _race_rule(race_day)
    top = top.properties(height=220, title="Fitness, fatigue and planned load")
    # The lines are one path each (hidden from screen readers); the chart says what it shows.
    return (
        alt.vconcat(top, form_panel(frame, ahead, race_day))
        .resolve_scale(x="shared")
        .properties(description=PMC_DESCRIPTION)
    )


PMC_DESCRIPTION = (
    "Fitness and fatigue over the days, with the planned load as bars, and form over its "
    "zones below; dashed from today to race day where a plan is followed."
)


def _pmc_frame(days: Sequence[DayMetricRead | ProjectedDayRead]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "day": pd.to_datetime([d.day for d in days]),
            "Fitness": [d.ctl for d in days],
            "Fatigue": [d.atl for d in days],
            "Form": [d.form for d in days],
            "Planned load": [d.planned_load for d in days],
        }
    )


def _projected_frame(
    days: Sequence[DayMetricRead], projection: Sequence[ProjectedDayRead]
) -> pd.DataFrame:
    """Today's point, then the projected days (so the dashed line starts where the solid ends)."""
    if not projection:
        return pd.DataFrame()
    frame = _pmc_frame([*days[-1:], *projection])
    frame["part"] = "projected to race day"
    return frame


def _pmc_lines(frame: pd.DataFrame, *, dashed: bool) -> Chart:
    return (
        alt.Chart(frame)
        .transform_fold(["Fitness", "Fatigue"], as_=["measure", "value"])
        .mark_line(strokeWidth=2, strokeDash=PROJECTED_DASH if dashed else [1, 0], aria=False)
        .encode(
            x=alt.X("day:T", title=None),
            y=alt.Y("value:Q", title="training stress"),
            color=alt.Color(
                "measure:N",
                title=None,
                scale=alt.Scale(domain=["Fitness", "Fatigue"], range=[FITNESS, FATIGUE]),
                legend=None if dashed else alt.Legend(orient="top"),
            ),
            tooltip=[
                "day:T",
                alt.Tooltip("measure:N", title="projected" if dashed else "measure"),
                alt.Tooltip("value:Q", format=".0f"),
            ],
        )
    )


def _race_rule(race_day: date | None) -> Chart:
    """A vertical line on race day, labelled."""
    marker = pd.DataFrame({"day": pd.to_datetime([race_day]), "label": ["Race day"]})
    rule = (
        alt.Chart(marker)
        .mark_rule(color=RACE_DAY_COLOUR, strokeWidth=2, aria=False)
        .encode(x="day:T", tooltip=[alt.Tooltip("day:T", title="Race day")])
    )
    text = (
        alt.Chart(marker)
        .mark_text(align="right", dx=-4, dy=8, baseline="top", color=RACE_DAY_COLOUR, aria=False)
        .encode(x="day:T", y=alt.value(0), text="label:N")
    )
    return rule + text


def form_panel(
    frame: pd.DataFrame, ahead: pd.DataFrame | None = None, race_day: date | None = None
) -> Chart:
    """Form (TSB) as a line over the shaded form zones, its projection dashed."""
    zones = pd.DataFrame(
        [{"low": lo, "high": hi, "zone": name, "colour": c} for lo, hi, name, c in FORM_ZONES]
    )
    forms = (
        frame["Form"] if ahead is None or ahead.empty else pd.concat([frame["Form"], ahead["Form"]])
    )
    low = max(min(forms.min(), -10.0) - 5, -60.0)
    high = min(max(forms.max(), 5.0) + 5, 60.0)
    shade = (
        alt.Chart(zones)
        .mark_rect(opacity=0.7)
        .encode(
            y=alt.Y("low:Q", scale=alt.Scale(domain=[low, high], clamp=True), title="form"),
            y2="high:Q",
            color=alt.Color("colour:N", scale=None, legend=None),
            tooltip=[alt.Tooltip("zone:N", title="form zone")],
        )
    )
    layers = shade + _form_line(frame, dashed=False)
    if ahead is not None and not ahead.empty:
        layers = layers + _form_line(ahead, dashed=True) + _race_rule(race_day)
    return layers.properties(height=150, title="Form, over its zones")


def _form_line(frame: pd.DataFrame, *, dashed: bool) -> Chart:
    return (
        alt.Chart(frame)
        .mark_line(
            color=FORM, strokeWidth=2, strokeDash=PROJECTED_DASH if dashed else [1, 0], aria=False
        )
        .encode(
            x=alt.X("day:T", title=None),
            y="Form:Q",
            tooltip=[
                "day:T",
                alt.Tooltip("Form:Q", title="projected form" if dashed else "form", format=".0f"),
            ],
        )
    )


def weekly_load(weeks: Sequence[WeekRollup]) -> Chart:
    """Weekly load as bars per week: what was planned beside what was done."""
    frame = pd.DataFrame(
        [
            row
            for w in weeks
            for row in (
                {"week": w.week_start.isoformat(), "what": "planned", "load": w.planned_load},
                {"week": w.week_start.isoformat(), "what": "done", "load": w.load},
            )
        ]
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("week:O", title="week starting", axis=alt.Axis(labelAngle=-45)),
            xOffset=alt.XOffset("what:N", sort=["planned", "done"]),
            y=alt.Y("load:Q", title="weekly load"),
            color=alt.Color(
                "what:N",
                title=None,
                scale=alt.Scale(domain=["planned", "done"], range=[PLANNED, DONE]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=["week:O", "what:N", alt.Tooltip("load:Q", format=".0f")],
        )
        .properties(height=200, title="Weekly load, planned and done")
    )


def band_colour(band: str | None) -> str:
    """A readiness or risk band's traffic-light colour (grey when there is none)."""
    return BAND_COLOURS.get({"yellow": "amber"}.get(band or "", band or ""), "#868e96")
