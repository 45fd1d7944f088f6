"""Admin · System status: database, version and migrations."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import select

from runseason import __version__
from runseason.config import get_settings
from runseason.db import migrate
from runseason.db.models import ErrorEvent
from runseason.db.session import get_engine
from runseason.services.refresh import queue
from runseason.ui import runtime

actor = runtime.actor()
st.title("System status")
settings = get_settings()
engine = get_engine()
try:
    revision = migrate.current_revision(engine)
    database_ok = True
except Exception:
    revision, database_ok = None, False
head = migrate.head_revision()
cols = st.columns(3)
cols[0].metric("Version", __version__)
cols[1].metric(
    "Database",
    ("SQLite" if settings.is_sqlite else "PostgreSQL") + (" ✅" if database_ok else " ❌"),
)
cols[2].metric("Schema", "up to date" if revision == head else f"behind ({revision})")
st.caption(f"Environment: {settings.env}")

st.subheader("Refresh queue")
status = runtime.read(queue.queue_status)
mode = "queued (refresh worker)" if settings.queued_refresh else "inline (on each request)"
st.caption(f"Athletes' metrics, snapshots and risk after their writes: {mode}.")
if status is not None:
    q = st.columns(3)
    q[0].metric("Athletes waiting", status.pending)
    q[1].metric("Failing", status.failing)
    q[2].metric(
        "Oldest waiting since",
        status.oldest_enqueued_at.strftime("%H:%M:%S UTC") if status.oldest_enqueued_at else "-",
    )
    if status.failing:
        st.warning(
            "Some refreshes failed and are retried with a growing delay; the errors are below."
        )

st.subheader("Recent errors")
errors = runtime.read(
    lambda session: list(
        session.scalars(select(ErrorEvent).order_by(ErrorEvent.occurred_at.desc()).limit(20))
    )
)
if errors:
    st.dataframe(
        [
            {"when": e.occurred_at, "level": e.level, "where": e.logger, "message": e.message}
            for e in errors
        ],
        hide_index=True,
        width="stretch",
    )
elif errors is not None:
    st.success("No errors recorded.")
