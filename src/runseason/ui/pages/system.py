"""Admin · System status: the platform's state as it concerns this organization."""

from __future__ import annotations

import streamlit as st

from runseason.services import system
from runseason.ui import runtime, wording
from runseason.ui.components.email_deliveries import email_deliveries

actor = runtime.actor()
zone = runtime.user().timezone
st.title("System status")
status = runtime.call(system.get_system_status, actor)
if status is not None:
    cols = st.columns(3)
    cols[0].metric("Version", status.version)
    cols[1].metric("Database", status.database)
    cols[2].metric("Schema", "up to date" if status.schema_current else "needs migrating")

    st.subheader("Refresh queue")
    mode = "by the refresh worker" if status.refresh_mode == "queued" else "on each request"
    st.caption(f"Your athletes' metrics, snapshots and risk are brought up to date {mode}.")
    q = st.columns(3)
    q[0].metric("Athletes waiting", status.waiting)
    q[1].metric("Failing", status.failing)
    since = status.oldest_waiting_since
    q[2].metric("Oldest waiting since", wording.moment(since, zone) if since else "none")
    if status.failing:
        st.warning("Some refreshes failed and are retried with a growing delay.")

    st.subheader("Recent errors")
    if status.recent_errors:
        st.dataframe(
            [
                {
                    "When": wording.moment(e.occurred_at, zone),
                    "Level": e.level.capitalize(),
                    "Where": e.where,
                    "What": e.message,
                }
                for e in status.recent_errors
            ],
            hide_index=True,
            width="stretch",
        )
    else:
        st.success("No errors recorded for your organization.")

    email_deliveries(actor, zone)
