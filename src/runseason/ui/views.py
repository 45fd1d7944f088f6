"""Views more than one page draws: the plan calendar and the fitness chart."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from runseason.domain import units
from runseason.schemas.briefing import LoadHistoryRead
from runseason.schemas.plans import CalendarSessionRead, CalendarWeekRead, PlanRead
from runseason.schemas.training import DayExceptionRead
from runseason.services.plans import calendar
from runseason.ui import charts, runtime, wording

STATUS_WORDS = {
    "completed": "done",
    "partial": "partly done",
    "missed": "missed",
    "planned": "to come",
    "skipped": "skipped",
    "cancelled": "cancelled",
}
# Compliance colours: green done, amber partly, red missed, grey taken out, violet excused.
STATUS_FILL = {
    "done": "#c3fae8",
    "partly done": "#ffec99",
    "missed": "#ffc9c9",
    "skipped": "#e9ecef",
    "cancelled": "#e9ecef",
}
EXCUSED_FILL = "#e5dbff"
LEGEND = (
    "Green: done · amber: partly done · red: missed · grey: cancelled or skipped by the coach · "
    "violet: marked sick, travelling or injured"
)


def _status_word(s: CalendarSessionRead, today: date) -> str:
    if s.excused_by and s.status == "planned" and s.scheduled_date <= today:
        return f"excused ({s.excused_by})"
    return STATUS_WORDS.get(s.status, s.status)


def _planned_text(s: CalendarSessionRead, unit: units.Unit) -> str:
    text = f"{s.title} · {runtime.duration(s.planned_duration_s)}"
    if s.planned_distance_m:
        text += f" · {runtime.distance(s.planned_distance_m, unit)}"
    return text


def _done_text(s: CalendarSessionRead, unit: units.Unit) -> str:
    if not s.logs or s.done_duration_s is None:
        return "-"
    text = runtime.duration(s.done_duration_s)
    if s.done_distance_m:
        text += f" · {runtime.distance(s.done_distance_m, unit)}"
    return text


def _first_planned(s: CalendarSessionRead) -> str:
    if s.original_date is None:
        return "added by the coach"
    if not s.changed:
        return "as first planned"
    return (
        f"{wording.day_short(s.original_date)} · {s.original_title} · "
        f"{runtime.duration(s.original_duration_s)}"
    )


def _weeks_frame(weeks: Sequence[CalendarWeekRead], unit: units.Unit) -> pd.DataFrame:
    rows = []
    for w in weeks:
        counted = [s for s in w.sessions if s.category != "rest"]
        done = sum(1 for s in counted if s.status in ("completed", "partial"))
        flags = " (cutback)" if w.is_cutback else " (race week)" if w.is_race_week else ""
        rows.append(
            {
                "Week": f"{w.number}" + (" · this week" if w.is_current else ""),
                "Starts": wording.day(w.start_date),
                "Phase": w.phase.capitalize() + flags,
                "Planned": runtime.distance(w.target_distance_m, unit),
                "Done": runtime.distance(w.done_distance_m, unit) if done else "-",
                "Sessions done": f"{done} of {len(counted)}",
            }
        )
    return pd.DataFrame(rows)


def _sessions_frame(week: CalendarWeekRead, unit: units.Unit, today: date) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Day": wording.day_short(s.scheduled_date),
                "Planned": _planned_text(s, unit),
                "Done": _done_text(s, unit),
                "Status": _status_word(s, today),
                "First planned": _first_planned(s),
            }
            for s in week.sessions
        ],
        columns=["Day", "Planned", "Done", "Status", "First planned"],
    )


def _fill(status: str) -> str:
    colour = EXCUSED_FILL if status.startswith("excused") else STATUS_FILL.get(status)
    return f"background-color: {colour}" if colour else ""


def plan_calendar(
    plan: PlanRead,
    unit: units.Unit,
    *,
    max_weeks: int = 60,
    marked: Sequence[DayExceptionRead] = (),
    key: str = "calendar",
) -> CalendarWeekRead | None:
    """The plan week by week from the current week, then the chosen week's sessions planned
    beside done in compliance colours; returns the chosen week.

    ``marked`` is accepted for older callers: the calendar reads the marked days itself.
    """
    del marked
    cal = runtime.call(calendar.get_plan_calendar, runtime.actor(), plan.id, now=runtime.now())
    if cal is None or not cal.weeks:
        return None
    st.caption(
        f"{runtime.plain(cal.name)}: {wording.day(cal.start_date)} to {wording.day(cal.end_date)}, "
        f"{len(cal.weeks)} weeks, version {cal.version}"
    )
    ahead = [w for w in cal.weeks if w.number >= cal.current_week][:max_weeks]
    st.dataframe(_weeks_frame(ahead, unit), hide_index=True, width="stretch")
    earlier = [w for w in cal.weeks if w.number < cal.current_week]
    if earlier:
        with st.expander(f"Earlier weeks ({len(earlier)})"):
            st.dataframe(_weeks_frame(earlier, unit), hide_index=True, width="stretch")
    labels = {
        w.number: f"Week {w.number} · {wording.day(w.start_date)}"
        + (" · this week" if w.is_current else "")
        for w in cal.weeks
    }
    number: int = st.selectbox(
        "Week",
        list(labels),
        index=cal.current_week - 1,
        format_func=lambda n: labels.get(n, ""),
        key=f"{key}-{plan.id}-week",
    )
    week = cal.weeks[(number or cal.current_week) - 1]
    frame = _sessions_frame(week, unit, cal.today)
    st.dataframe(frame.style.map(_fill, subset=["Status"]), hide_index=True, width="stretch")
    st.caption(LEGEND)
    return week


def fitness_chart(history: LoadHistoryRead) -> None:
    """Fitness, fatigue and form over the form zones, and weekly load planned beside done."""
    if not history.days and not history.projection:
        st.info("No training recorded yet.")
        return
    chart = charts.pmc(history.days, history.projection, history.race_day)
    st.altair_chart(chart, width="stretch")
    if history.projection and history.race_day:
        race = runtime.plain(history.race_name) if history.race_name else "the race"
        st.caption(
            f"Dashed: fitness, fatigue and form projected from the planned sessions to {race} "
            f"on {wording.day(history.race_day)}, if the plan is followed as written."
        )
    if history.weeks:
        st.altair_chart(charts.weekly_load(history.weeks), width="stretch")
    if history.caution:
        st.caption(history.caution)  # the page's one caveat: the ratio charts do not repeat it


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
