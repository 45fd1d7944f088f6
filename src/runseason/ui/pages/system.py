"""Admin · System status: database, version and migrations."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import select

from runseason import __version__
from runseason.config import get_settings
from runseason.db import migrate
from runseason.db.models import ErrorEvent
from runseason.db.session import get_engine
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
