"""The athlete's check-ins as the coach reads them: the day's answers, readiness and their note."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from runseason.schemas.checkins import CheckInRead
from runseason.services import checkins
from runseason.services.identity.access import Actor
from runseason.ui import runtime, wording


def _answer(value: int | None) -> str:
    return "-" if value is None else f"{value}/5"


def _row(c: CheckInRead) -> dict[str, str]:
    pain = "-"
    if c.pain_severity:
        pain = f"{c.pain_severity}/10" + (f" ({c.pain_location})" if c.pain_location else "")
    score = "-" if c.readiness_score is None else f"{c.readiness_score:.0f}"
    return {
        "day": wording.day(c.local_date),
        "readiness": f"{score} · {wording.band(c.readiness_band)}" if c.readiness_band else score,
        "sleep": _answer(c.sleep_quality),
        "energy": _answer(c.energy),
        "recovery": _answer(c.recovery),
        "stress": _answer(c.stress),
        "pain": pain,
        "ill": "yes" if c.illness else "-",
        "note": c.note or "",
    }


def checkin_history(actor: Actor, athlete_id: int, *, days: int = 28) -> None:
    """The latest check-ins with their notes, newest first."""
    found = runtime.call(checkins.list_checkins, actor, athlete_id, page_size=days)
    if found is None or not found.items:
        st.info("No check-ins yet.")
        return
    latest_note = next((c for c in found.items if c.note), None)
    if latest_note is not None:
        when = wording.day(latest_note.local_date)
        st.markdown(f"**Latest note ({when}):** {runtime.plain(latest_note.note)}")
    frame = pd.DataFrame([_row(c) for c in found.items])
    st.dataframe(frame, hide_index=True, width="stretch", placeholder="-")
    st.caption(f"The last {len(found.items)} of {found.total} check-ins.")
