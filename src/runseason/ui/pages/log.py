"""Athlete · Log a session: by hand or from a device file (FIT, GPX, TCX)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from runseason.domain import units
from runseason.domain.dates import local_date
from runseason.domain.load import SPORTS, sport_label
from runseason.schemas.training import TrainingLogCreate, TrainingLogRead, TrainingLogUpdate
from runseason.services import activity_import, training
from runseason.ui import runtime, wording

ACTIVITY_PAGE = Path(__file__).resolve().parent / "activity.py"
actor = runtime.actor()
me = runtime.user()
unit = runtime.unit_of(me)
athlete_id = actor.athlete_id or 0
today = local_date(runtime.now(), me.timezone)
st.title("Log a session")

KINDS = {"training": "Training", "race": "Race", "time_trial": "Time trial"}
LOG_LABELS = {
    "local_date": "Date",
    "duration_s": "Duration",
    "distance_m": "Distance",
    "avg_hr": "Average HR",
    "notes": "Notes",
}
runtime.show_flash()
# A refused entry keeps what was typed; a saved one starts a fresh form.
version = st.session_state.setdefault("log-version", 0)
by_hand, from_file = st.tabs(["By hand", "From a device file"])
with by_hand, st.form(f"log-{version}"):
    left, middle, right = st.columns(3)
    day = left.date_input(
        "Date", value=today, max_value=today, min_value=today - timedelta(days=60)
    )
    sport = middle.selectbox("Sport", list(SPORTS), format_func=sport_label)
    kind = right.selectbox("Kind", list(KINDS), format_func=lambda k: KINDS[k])
    cols = st.columns(3)
    minutes = cols[0].number_input(
        "Duration (minutes)", 1.0, 24 * 60.0, value=45.0, step=1.0, format="%.0f"
    )
    dist = cols[1].number_input(f"Distance ({unit})", 0.0, 400.0, value=None, step=0.1)
    rpe = cols[2].slider("Effort (RPE 0-10)", 0, 10, 4)
    cols = st.columns(3)
    avg_hr = cols[0].number_input("Average HR", 25, 250, value=None)
    feel = cols[1].select_slider("How it felt", options=[1, 2, 3, 4, 5], value=3)
    pain = cols[2].slider("Pain (0 = none)", 0, 10, 0)
    notes = st.text_area("Notes", max_chars=4000)
    if st.form_submit_button("Save session", type="primary"):
        data = runtime.valid(
            TrainingLogCreate,
            LOG_LABELS,
            local_date=day,
            sport=sport,
            kind=kind,
            duration_s=minutes * 60,
            distance_m=units.distance_from(dist, unit) if dist else None,
            rpe=rpe,
            avg_hr=avg_hr,
            feel=feel,
            pain_severity=pain or None,
            notes=notes or None,
        )
        saved = data and runtime.call(
            training.log_session, actor, athlete_id, data, now=runtime.now()
        )
        if saved:
            st.session_state["log-version"] = version + 1
            what = KINDS[saved.kind].lower()
            runtime.done(
                f"Saved: load {saved.load:.0f}, {what} of {runtime.duration(saved.duration_s)}."
            )

with from_file:
    upload = st.file_uploader("Activity file", type=["fit", "gpx", "tcx", "gz"])
    if upload is not None and st.button("Import", type="primary"):
        with st.spinner("Reading the file..."):
            saved = runtime.call(
                activity_import.import_activity,
                actor,
                athlete_id,
                upload.name,
                upload.getvalue(),
                now=runtime.now(),
            )
        if saved is not None:
            st.success(
                f"Imported {saved.local_date}: {runtime.duration(saved.duration_s)}, "
                f"{runtime.distance(saved.distance_m, unit)}, load {saved.load:.0f}."
            )
            st.session_state["activity_id"] = saved.id
if st.session_state.get("activity_id") is not None:
    st.page_link(str(ACTIVITY_PAGE), label="See its charts and splits", icon="⏱️")

st.subheader("Recent sessions")
page = st.number_input("Page", 1, 10_000, 1, key="log_page")
logs = runtime.call(training.list_logs, actor, athlete_id, page=int(page), page_size=20)
if logs is not None and logs.items:
    st.dataframe(
        pd.DataFrame(
            {
                "date": [x.local_date for x in logs.items],
                "duration": [runtime.duration(x.duration_s) for x in logs.items],
                "distance": [runtime.distance(x.distance_m, unit) for x in logs.items],
                "RPE": [x.rpe for x in logs.items],
                "load": [round(x.load) for x in logs.items],
                "source": [x.source for x in logs.items],
                "details": [f"activity?activity={x.id}" for x in logs.items],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={"details": st.column_config.LinkColumn("Details", display_text="Open")},
    )
    st.caption(f"{logs.total} sessions in all")
elif logs is not None:
    st.info("No sessions yet.")


def _end(session: Session, *args: Any, **kwargs: Any) -> bool:
    training.delete_log(session, *args, **kwargs)
    return True


def _change_log(items: list[TrainingLogRead]) -> None:
    """Correct or delete one logged session (the picker sits outside the form it fills)."""
    names = {
        x.id: f"{wording.day(x.local_date)} · {sport_label(x.sport)} · "
        f"{runtime.duration(x.duration_s)}"
        for x in items
    }
    chosen = st.selectbox("Session to change", list(names), format_func=lambda i: names.get(i, ""))
    row = next(x for x in items if x.id == chosen)
    # Keyed by the stored values too: after a correction the form shows what is stored.
    stored = (row.local_date, row.sport, row.duration_s, row.distance_m, row.rpe, row.notes)
    with st.form(f"change-log-{row.id}-{hash(stored)}"):
        left, right = st.columns(2)
        new_day = left.date_input("On", row.local_date, max_value=today)
        new_sport = right.selectbox(
            "As", list(SPORTS), index=list(SPORTS).index(row.sport), format_func=sport_label
        )
        cols = st.columns(3)
        new_minutes = cols[0].number_input(
            "Minutes", 1.0, 24 * 60.0, value=round(row.duration_s / 60, 1)
        )
        shown = units.distance_in(row.distance_m, unit) if row.distance_m else None
        new_dist = cols[1].number_input(f"Distance in {unit}", 0.0, 400.0, value=shown, step=0.1)
        new_rpe = cols[2].number_input("RPE", 0.0, 10.0, value=row.rpe)
        new_notes = st.text_area("Notes about it", row.notes or "", max_chars=4000)
        save, delete = st.columns(2)
        saved = save.form_submit_button("Save the correction", type="primary")
        sure = delete.checkbox("Yes, delete this session")
        deleted = delete.form_submit_button("Delete the session")
    if deleted:
        if not sure:
            st.error("Tick “Yes, delete this session” first.")
        elif runtime.call(_end, actor, row.id, now=runtime.now()):
            runtime.done(f"Deleted: {names[row.id]}.")
    if saved:
        change = runtime.valid(
            TrainingLogUpdate,
            {"local_date": "On", "duration_s": "Minutes", "distance_m": "Distance", "rpe": "RPE"},
            local_date=new_day,
            sport=new_sport,
            duration_s=new_minutes * 60,
            distance_m=units.distance_from(new_dist, unit) if new_dist else None,
            rpe=new_rpe,
            notes=new_notes or None,
        )
        if change and runtime.call(training.update_log, actor, row.id, change, now=runtime.now()):
            runtime.done(f"Corrected: {names[row.id]}.")


if logs is not None and logs.items:
    st.subheader("Correct or delete a session")
    _change_log(list(logs.items))
