"""The long view, drawn the same on the athlete's Progress and the coach's athlete page."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from runseason.schemas.trends import AthleteTrendsRead, TrendSeriesRead
from runseason.services.views import trends
from runseason.ui import runtime, wording


def long_view(athlete_id: int) -> None:
    """Trends by month or year: charts, then the races, personal bests and the data behind."""
    by = st.segmented_control(
        "Trends by",
        ["month", "year"],
        default="month",
        format_func=lambda p: "Month" if p == "month" else "Year",
        key=f"trends-by-{athlete_id}",
    )
    years = st.selectbox(
        "Over the last",
        [1, 2, 5, 10],
        index=1,
        format_func=lambda y: f"{y} years" if y > 1 else "year",
        key=f"trends-years-{athlete_id}",
    )
    read = runtime.call(
        trends.get_trends,
        runtime.actor(),
        athlete_id,
        now=runtime.now(),
        by=by or "month",
        years=int(years or 2),
    )
    if read is None:
        return
    charted = [
        s
        for s in (
            read.vdot,
            read.threshold_pace,
            read.resting_hr,
            read.hrv,
            read.weekly_distance,
            read.long_run,
        )
        if s.points
    ]
    if not charted:
        st.info("No races, time trials, runs or morning readings in this window yet.")
    for left, right in zip(charted[::2], [*charted[1::2], None], strict=False):
        cols = st.columns(2)
        with cols[0]:
            _chart(left)
        if right is not None:
            with cols[1]:
                _chart(right)
    _tables(read)


def _chart(series: TrendSeriesRead) -> None:
    st.markdown(f"**{series.name}**")
    frame = pd.DataFrame(
        {
            "Period": [p.label for p in series.points],
            "order": range(len(series.points)),
            "Value": [p.value for p in series.points],
            "Reading": [p.text for p in series.points],
            "Based on": [f"{len(p.evidence)} records" for p in series.points],
        }
    )
    pace = series.name == "Threshold pace"
    y = alt.Y("Value:Q", title=series.name, scale=alt.Scale(zero=False, reverse=pace))
    chart = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("Period:N", sort=alt.SortField("order"), title=None),
            y=y.axis(labels=not pace),
            tooltip=["Period", "Reading", "Based on"],
        )
        .properties(height=180)
    )
    st.altair_chart(chart, width="stretch")
    with st.expander(f"The data behind: {series.name}"):
        rows = [
            {"Period": p.label, "Value": p.text, "Date": wording.day(e.day), "Record": e.text}
            for p in series.points
            for e in p.evidence
        ]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _tables(read: AthleteTrendsRead) -> None:
    st.markdown("**Races and time trials**")
    if read.races:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Date": wording.day(r.day),
                        "Race": r.title,
                        "Distance": r.distance_text,
                        "Time": r.time_text,
                        "VDOT": f"{r.vdot:.1f}" if r.vdot is not None else "–",
                    }
                    for r in reversed(read.races)
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption("No race or time trial in this window.")
    st.markdown("**Personal bests**")
    if read.personal_bests:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Date": wording.day(b.day),
                        "Distance": b.distance,
                        "Time": b.time_text,
                        "Previous best": b.previous_text or "first",
                        "Where": b.label,
                    }
                    for b in reversed(read.personal_bests)
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption("No timed effort at a standard distance yet.")
