"""Views more than one page draws: the plan calendar and the fitness chart."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import altair as alt
import pandas as pd
import streamlit as st

from runseason.domain import units
from runseason.schemas.briefing import LoadHistoryRead
from runseason.schemas.plans import PlanRead
from runseason.schemas.training import DayExceptionRead
from runseason.ui import runtime

STATUS_COLOURS = {
    "completed": "🟢",
    "partial": "🟡",
    "missed": "🔴",
    "planned": "⚪",
    "skipped": "🔴",
    "modified": "🔵",
}


def plan_calendar(
    plan: PlanRead,
    unit: units.Unit,
    *,
    max_weeks: int = 60,
    marked: Sequence[DayExceptionRead] = (),
) -> None:
    """The plan as a week-by-week table with compliance colours and the marked days."""
    why = {
        m.start_date + timedelta(days=i): m.kind
        for m in marked
        for i in range((m.end_date - m.start_date).days + 1)
    }
    st.caption(
        f"{plan.name}: {plan.start_date} to {plan.end_date}, {plan.weeks} weeks, "
        f"version {plan.version}"
    )
    weeks = {w.id: w for w in plan.week_list}
    by_week: dict[int, list[str]] = {}
    for s in plan.sessions:
        index = (s.scheduled_date - plan.start_date).days // 7
        mark = STATUS_COLOURS.get(s.status, "⚪")
        excused = f" · 🟣 {why[s.scheduled_date]}" if s.scheduled_date in why else ""
        by_week.setdefault(index, []).append(
            f"{mark} {s.scheduled_date:%a %d %b} · {s.title} · "
            + runtime.duration(s.planned_duration_s)
            + excused
        )
    rows = []
    for week in sorted(weeks.values(), key=lambda w: w.week_index)[:max_weeks]:
        rows.append(
            {
                "week": week.week_index + 1,
                "starts": week.start_date,
                "phase": week.phase + (" (cutback)" if week.is_cutback else ""),
                "volume": runtime.distance(week.target_distance_m, unit),
                "sessions": "\n".join(by_week.get(week.week_index, [])),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", row_height=110)
    st.caption(
        "🟢 done · 🟡 partly · 🔴 missed · ⚪ to come · 🔵 changed by the coach · "
        "🟣 marked sick, travelling or injured"
    )


def fitness_chart(history: LoadHistoryRead) -> None:
    """Fitness (CTL), fatigue (ATL) and form (TSB) over time, and the weekly volume."""
    if not history.days:
        st.info("No training recorded yet.")
        return
    frame = pd.DataFrame(
        {
            "day": [d.day for d in history.days],
            "fitness": [d.ctl for d in history.days],
            "fatigue": [d.atl for d in history.days],
            "form": [d.form for d in history.days],
        }
    ).melt("day", var_name="measure", value_name="value")
    chart = (
        alt.Chart(frame)
        .mark_line()
        .encode(
            x=alt.X("day:T", title=None),
            y=alt.Y("value:Q", title="stress points"),
            color=alt.Color("measure:N", title=None),
            tooltip=["day:T", "measure:N", alt.Tooltip("value:Q", format=".1f")],
        )
        .properties(height=260, title="Fitness, fatigue and form")
    )
    st.altair_chart(chart, width="stretch")
    if history.weeks:
        weeks = pd.DataFrame(
            {
                "week": [w.week_start for w in history.weeks],
                "load": [w.load for w in history.weeks],
                "planned": [w.planned_load for w in history.weeks],
            }
        )
        bars = (
            alt.Chart(weeks)
            .mark_bar()
            .encode(
                x=alt.X("week:T", title=None),
                y=alt.Y("load:Q", title="weekly load"),
                tooltip=["week:T", alt.Tooltip("load:Q", format=".0f"), "planned:Q"],
            )
            .properties(height=180, title="Weekly load")
        )
        st.altair_chart(bars, width="stretch")
    if history.caution:
        st.caption(history.caution)


def load_ratio_charts(history: LoadHistoryRead) -> None:
    """ACWR (EWMA) and monotony over time, with what they can and cannot tell."""
    days = [d for d in history.days if d.acwr_ewma is not None or d.monotony is not None]
    if not days:
        st.info("ACWR and monotony need four weeks of logged training.")
        return
    frame = pd.DataFrame(
        {
            "day": [d.day for d in days],
            "ACWR": [d.acwr_ewma for d in days],
            "monotony": [d.monotony for d in days],
        }
    )
    left, right = st.columns(2)
    acwr = (
        alt.Chart(frame.dropna(subset=["ACWR"]))
        .mark_line()
        .encode(
            x=alt.X("day:T", title=None),
            y=alt.Y("ACWR:Q", title="acute:chronic (EWMA)"),
            tooltip=["day:T", alt.Tooltip("ACWR:Q", format=".2f")],
        )
    )
    band = (
        alt.Chart(pd.DataFrame({"y": [0.8], "y2": [1.3]}))
        .mark_rect(opacity=0.12)
        .encode(y="y:Q", y2="y2:Q")
    )
    left.altair_chart((band + acwr).properties(height=200, title="ACWR"), width="stretch")
    mono = (
        alt.Chart(frame.dropna(subset=["monotony"]))
        .mark_line(color="#8e44ad")
        .encode(
            x=alt.X("day:T", title=None),
            y=alt.Y("monotony:Q", title="mean / SD of 7 days"),
            tooltip=["day:T", alt.Tooltip("monotony:Q", format=".2f")],
        )
    )
    right.altair_chart(mono.properties(height=200, title="Monotony"), width="stretch")
    if history.caution:
        st.caption(history.caution)


def _figure(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def load_trends(history: LoadHistoryRead) -> None:
    """The latest fitness ramp, strain and uncoupled ACWR, with what each means."""
    if not history.days:
        return
    last = history.days[-1]
    cols = st.columns(3)
    cols[0].metric(
        "Fitness ramp (7 days)",
        "-" if last.ramp is None else f"{last.ramp:+.1f}",
        help="Change in fitness over the last week; more than 8 points a week is steep.",
    )
    cols[1].metric(
        "Strain (7 days)",
        _figure(last.strain, 0),
        help="The week's load times its monotony: a hard week without easy days scores high.",
    )
    cols[2].metric(
        "ACWR, uncoupled",
        _figure(last.acwr_uncoupled, 2),
        help="The last 7 days against the 21 before them; shown after 28 days of data.",
    )
