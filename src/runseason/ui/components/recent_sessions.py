"""The athlete's newest sessions on the coach's Athlete page, each opening on the Activity page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from runseason.domain import units
from runseason.domain.load import sport_label
from runseason.services import training
from runseason.services.identity.access import Actor
from runseason.ui import runtime, wording

ACTIVITY_PAGE = runtime.PAGES / "activity.py"
SHOWN = 20
FROM = {
    "manual": "Logged by hand",
    "fit": "FIT file",
    "gpx": "GPX file",
    "tcx": "TCX file",
    "csv": "Activity list",
    "demo": "Demo",
}


def activity_url(athlete_id: int, log_id: int) -> str:
    """The Activity page of one session (relative to the app, as Streamlit names its pages)."""
    return f"activity?athlete={athlete_id}&activity={log_id}"


def recent_sessions(actor: Actor, athlete_id: int, unit: units.Unit) -> None:
    """A link to the athlete's sessions on the Activity page, and the newest ones, each a link."""
    st.page_link(
        str(ACTIVITY_PAGE),
        label="Open the sessions on the Activity page",
        icon=":material/timer:",
        query_params={"athlete": str(athlete_id)},
    )
    logs = runtime.call(training.list_logs, actor, athlete_id, page=1, page_size=SHOWN)
    if logs is None:
        return
    if not logs.items:
        st.caption("No sessions logged yet.")
        return
    st.dataframe(
        pd.DataFrame(
            {
                "Day": [wording.day(x.local_date) for x in logs.items],
                "Session": [x.title or sport_label(x.sport) for x in logs.items],
                "Distance": [runtime.distance(x.distance_m, unit) for x in logs.items],
                "Time": [runtime.duration(x.duration_s) for x in logs.items],
                "Load": [f"{x.load:.0f}" for x in logs.items],
                "From": [FROM.get(x.source, "Logged") for x in logs.items],
                "In depth": [activity_url(athlete_id, x.id) for x in logs.items],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={"In depth": st.column_config.LinkColumn("In depth", display_text="Open")},
    )
    shown = len(logs.items)
    st.caption(
        f"The newest {shown} of {logs.total} sessions."
        if logs.total > shown
        else f"{logs.total} session{'' if logs.total == 1 else 's'} in all."
    )
