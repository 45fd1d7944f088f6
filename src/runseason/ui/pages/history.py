"""Athlete · Bring in your history: an export, archive or CSV imported in the background."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from runseason.schemas.imports import CsvColumns, CsvPreview, ImportRead
from runseason.services import imports
from runseason.ui import runtime, wording

actor = runtime.actor()
me = runtime.user()
unit = runtime.unit_of(me)
athlete_id = actor.athlete_id or 0
STATUS = {
    "running": "Importing",
    "succeeded": "Done",
    "partial": "Done, some files refused",
    "failed": "Refused",
}
DIALECT = {"strava": "Strava's activity list", "garmin": "Garmin's activity list"}
FIELDS = {
    "start": "Start date and time",
    "duration": "Duration (seconds or h:mm:ss)",
    "distance": "Distance",
    "sport": "Sport",
    "title": "Title",
    "avg_hr": "Average heart rate",
}

st.title("Bring in your history")
st.write(
    "Upload your Strava bulk export (the ZIP), a Garmin export, a gzipped activity file or an "
    "activity list (CSV). It is imported in the background: files already imported are skipped "
    "and the same run from two sources becomes one session."
)
upload = st.file_uploader(
    "Export, archive or activity list", type=["zip", "gz", "csv", "fit", "gpx", "tcx"]
)


def preview_table(preview: CsvPreview) -> None:
    """The first rows as they would be imported, or what is wrong with them."""
    st.dataframe(
        pd.DataFrame(
            {
                "Line": [r.line for r in preview.rows],
                "Start": [
                    wording.moment(r.start, me.timezone) if r.start else "" for r in preview.rows
                ],
                "Duration": [runtime.duration(r.duration_s) for r in preview.rows],
                "Distance": [runtime.distance(r.distance_m, unit) for r in preview.rows],
                "Problem": [r.error or "" for r in preview.rows],
            }
        ),
        hide_index=True,
    )
    st.caption(f"{preview.total_rows} activities in the list")


def choose_columns(content: bytes) -> CsvColumns | None:
    """For a CSV that is not a known export: which column holds what, with a preview."""
    found = runtime.call(imports.preview_csv, actor, athlete_id, content)
    if found is None:
        return None
    if found.dialect is not None:
        st.caption(f"Recognised as {DIALECT[found.dialect]}.")
        preview_table(found)
        return None
    st.subheader("Which column holds what?")
    options = ["", *found.columns]
    cols = st.columns(3)
    chosen = {
        field: cols[i % 3].selectbox(label, options, key=f"column_{field}")
        for i, (field, label) in enumerate(FIELDS.items())
    }
    distance_unit = st.radio("Distances are in", ["km", "mi", "m"], horizontal=True)
    if not (chosen["start"] and chosen["duration"]):
        st.info("Choose at least the start and the duration columns.")
        return None
    picked = {k: v or None for k, v in chosen.items()}
    columns = runtime.valid(CsvColumns, FIELDS, distance_unit=distance_unit, **picked)
    mapped = columns and runtime.call(
        imports.preview_csv, actor, athlete_id, content, columns=columns
    )
    if mapped:
        preview_table(mapped)
    return columns


columns = None
if upload is not None and upload.name.lower().endswith(".csv"):
    columns = choose_columns(upload.getvalue())
if upload is not None and st.button("Start import", type="primary"):
    started = runtime.call(
        imports.start_import,
        actor,
        athlete_id,
        upload.name,
        upload.getvalue(),
        now=runtime.now(),
        columns=columns,
    )
    if started is not None:
        st.success(f"{upload.name}: {started.rows_total} files and rows to import.")


def show_imports(recent: list[ImportRead]) -> None:
    """Progress bars of the imports under way and the outcome of the recent ones."""
    for item in (i for i in recent if i.status == "running"):
        share = item.rows_done / item.rows_total if item.rows_total else 0.0
        st.progress(share, text=f"{item.filename}: {item.rows_done} of {item.rows_total}")
    if not recent:
        st.info("Nothing imported yet.")
        return
    st.subheader("Recent imports")
    st.dataframe(
        pd.DataFrame(
            {
                "File": [i.filename for i in recent],
                "Started": [wording.moment(i.created_at, me.timezone) for i in recent],
                "Status": [STATUS[i.status] for i in recent],
                "Imported": [i.rows_imported for i in recent],
                "Duplicates": [i.rows_duplicate for i in recent],
                "Refused": [i.rows_refused for i in recent],
            }
        ),
        hide_index=True,
    )
    for item in (i for i in recent if i.errors):
        with st.expander(f"Why files of {item.filename} were refused"):
            st.markdown("\n".join(f"- {reason}" for reason in item.errors))


def poll() -> None:
    """Read the imports again (every two seconds while one is under way)."""
    show_imports(runtime.call(imports.list_imports, actor, athlete_id) or [])


under_way = any(
    i.status == "running" for i in runtime.call(imports.list_imports, actor, athlete_id) or []
)
st.fragment(run_every=2 if under_way else None)(poll)()
