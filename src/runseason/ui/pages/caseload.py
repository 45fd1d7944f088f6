"""Coach · Caseload: one row per athlete, sortable, filterable, searchable, paginated."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from runseason.services.views import caseload as caseload_view
from runseason.ui import runtime

actor = runtime.actor()
st.title("Caseload")
cols = st.columns([2, 1, 1, 1])
search = cols[0].text_input("Search by name", max_chars=100)
sort = cols[1].selectbox("Sort by", ["risk", "name", "readiness", "form"])
bucket = cols[2].selectbox("Risk bucket", ["all", "at_risk", "watch", "stable"])
page = cols[3].number_input("Page", 1, 100_000, 1)
caseload = runtime.call(
    caseload_view.get_caseload,
    actor,
    page=int(page),
    page_size=50,
    sort=sort,
    bucket=None if bucket == "all" else bucket,
    search=search or None,
)
if caseload is not None:
    st.caption(
        f"{caseload.total} athletes · "
        + " · ".join(f"{runtime.BUCKET_LABELS[k]} {v}" for k, v in caseload.buckets.items())
    )
    frame = pd.DataFrame(
        [
            {
                "id": r.athlete_id,
                "athlete": r.name,
                "risk": runtime.BUCKET_LABELS.get(r.risk_bucket, r.risk_bucket),
                "risk %": round((r.risk or 0) * 100),
                "readiness": r.readiness_score,
                "band": r.readiness_band,
                "trend": r.readiness_trend,
                "form": None if r.form is None else round(r.form, 1),
                "ACWR": None if r.acwr is None else round(r.acwr, 2),
                "adherence 7d": None if r.adherence_7d is None else round(r.adherence_7d * 100),
                "open": r.open_interventions,
                "last check-in": r.last_checkin_date,
                "next race": r.next_race_date,
            }
            for r in caseload.items
        ]
    )
    if frame.empty:
        st.info("No athletes match.")
    else:
        event = st.dataframe(
            frame,
            hide_index=True,
            width="stretch",
            on_select="rerun",
            selection_mode="single-row",
            column_config={
                "trend": st.column_config.LineChartColumn("readiness 7 d", y_min=0, y_max=100),
                "risk %": st.column_config.ProgressColumn("risk", min_value=0, max_value=100),
            },
        )
        rows = event.selection.rows if event else []
        if rows:
            st.session_state["athlete_id"] = int(frame.iloc[rows[0]]["id"])
            st.switch_page(str(runtime.PAGES / "athlete.py"))
