"""Coach · Analytics: the caseload's readiness bands and risk buckets at a glance."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from runseason.services.views import analytics, caseload
from runseason.ui import runtime

actor = runtime.actor()
st.title("Analytics")
rows = []
page = 1
while True:
    chunk = runtime.call(caseload.get_caseload, actor, page=page, page_size=200)
    if chunk is None:
        st.stop()
    rows += chunk.items
    if page * 200 >= chunk.total:
        break
    page += 1
if not rows:
    st.info("No athletes yet.")
    st.stop()
frame = pd.DataFrame(
    {
        "band": [r.readiness_band or "no check-in" for r in rows],
        "bucket": [r.risk_bucket for r in rows],
        "adherence": [r.adherence_7d for r in rows],
    }
)
left, right = st.columns(2)
left.altair_chart(
    alt.Chart(frame)
    .mark_bar()
    .encode(
        x=alt.X("band:N", title="readiness band", sort=["green", "amber", "red", "no check-in"]),
        y=alt.Y("count():Q", title="athletes"),
        color=alt.Color(
            "band:N",
            scale=alt.Scale(
                domain=["green", "amber", "red", "no check-in"],
                range=["#2e7d32", "#f9a825", "#c62828", "#9e9e9e"],
            ),
            legend=None,
        ),
    )
    .properties(title="Readiness today", height=260),
    width="stretch",
)
right.altair_chart(
    alt.Chart(frame)
    .mark_bar()
    .encode(
        x=alt.X("bucket:N", title="risk bucket", sort=["at_risk", "watch", "stable"]),
        y=alt.Y("count():Q", title="athletes"),
    )
    .properties(title="Risk buckets", height=260),
    width="stretch",
)
weeks = runtime.call(analytics.get_caseload_weeks, actor, now=runtime.now(), weeks=12) or []
if weeks:
    weekly = pd.DataFrame(
        {
            "week": [w.week_start for w in weeks],
            "done": [w.load for w in weeks],
            "planned": [w.planned_load for w in weeks],
        }
    )
    weekly["done vs plan"] = (
        weekly["done"] / weekly["planned"].where(weekly["planned"] > 0)
    ).round(2)
    bars = (
        alt.Chart(weekly)
        .mark_bar()
        .encode(
            x=alt.X("week:T", title=None),
            y=alt.Y("done:Q", title="load across the caseload"),
            tooltip=["week:T", "done:Q", "planned:Q", "done vs plan:Q"],
        )
    )
    plan_line = alt.Chart(weekly).mark_line(color="#d9480f").encode(x="week:T", y="planned:Q")
    st.altair_chart(
        (bars + plan_line).properties(title="Weekly load and plan (line)", height=240),
        width="stretch",
    )
known = frame["adherence"].dropna()
st.metric("Median 7-day adherence", "-" if known.empty else f"{known.median():.0%}")
