"""Coach · Caseload: one row per athlete, sortable, filterable, searchable, paginated."""

from __future__ import annotations

import streamlit as st

from runseason.services import groups
from runseason.services.views import caseload as caseload_view
from runseason.ui import runtime
from runseason.ui.components import caseload_table as table

actor = runtime.actor()
st.title("Caseload")
cols = st.columns([2, 1, 1, 1, 1])
search = cols[0].text_input("Search by name", max_chars=100)
sort = cols[1].selectbox("Sort by", ["risk", "name", "readiness", "form"])
bucket = cols[2].selectbox(
    "Risk", ["all", "at_risk", "watch", "stable"], format_func=lambda b: b.replace("_", " ")
)
squads = runtime.call(groups.list_groups, actor, page=1, page_size=200)
names = {g.id: g.name for g in squads.items} if squads else {}
group_id = cols[3].selectbox(
    "Group", [None, *names], format_func=lambda g: "All athletes" if g is None else names[g]
)
page = cols[4].number_input("Page", 1, 100_000, 1)
caseload = runtime.call(
    caseload_view.get_caseload,
    actor,
    page=int(page),
    page_size=50,
    sort=sort,
    bucket=None if bucket == "all" else bucket,
    search=search or None,
    group_id=group_id,
)
if caseload is not None:
    st.caption(
        f"{caseload.total} athletes · "
        + " · ".join(f"{runtime.BUCKET_LABELS[k]} {v}" for k, v in caseload.buckets.items())
    )
    frame = table.frame_of(caseload.items)
    if frame.empty:
        st.info("No athletes match.")
    else:
        ids = [r.athlete_id for r in caseload.items]  # beside the table, never shown
        event = st.dataframe(
            table.styled(frame, caseload.items),
            hide_index=True,
            placeholder="-",
            width="stretch",
            height="content",  # every row of the page, not a box of ten
            on_select="rerun",
            selection_mode="single-row",
            column_config={
                "readiness 7 d": st.column_config.LineChartColumn(
                    "readiness 7 d", y_min=0, y_max=100
                ),
            },
        )
        st.caption("Choose a row to open the athlete.")
        rows = event.selection.rows if event else []
        if rows:
            chosen = ids[rows[0]]
            st.session_state["athlete_id"] = chosen
            st.switch_page(str(runtime.PAGES / "athlete.py"), query_params={"athlete": str(chosen)})
