"""What the coach shared with the athlete: the latest notes, where the athlete looks each day."""

from __future__ import annotations

import streamlit as st

from runseason.services import cases
from runseason.services.identity.access import Actor
from runseason.services.paging import ListWindow
from runseason.ui import runtime, wording


def shared_notes(actor: Actor, athlete_id: int, *, latest: int = 3) -> None:
    """The coach's latest shared notes in a box (nothing when there are none)."""
    notes = runtime.call(cases.list_notes, actor, athlete_id, ListWindow(page_size=latest))
    if notes is None or not notes.items:
        return
    with st.container(border=True):
        st.markdown(":material/forum: **From your coach**")
        for note in notes.items:
            st.markdown(runtime.plain(note.body))  # as the coach typed it: no link, no image
            st.caption(wording.day(note.created_at))
