"""Data rights on the web: an athlete's data as one download, and the two erasures (admins)."""

from __future__ import annotations

import streamlit as st

from runseason.services import data_rights, erasure
from runseason.services.identity import organizations
from runseason.services.identity.access import Actor
from runseason.ui import runtime


def _size(content: bytes) -> str:
    kib = len(content) / 1024
    return f"{kib:,.0f} KB" if kib < 1024 else f"{kib / 1024:,.1f} MB"


def download_section(actor: Actor, athlete_id: int, whose: str) -> None:
    """Build the athlete's ZIP when asked (it can be large), then offer it for download."""
    key = f"data-export-{athlete_id}"
    st.caption(
        f"Everything Run Season Command holds about {whose}, in one ZIP: each kind of record as "
        "JSON and as a spreadsheet (CSV), and the activity files as they were uploaded."
    )
    if st.button("Prepare the download", key=f"prepare-{key}"):
        content = runtime.call(
            data_rights.export_athlete_data, actor, athlete_id, now=runtime.now()
        )
        if content is not None:
            st.session_state[key] = content
    ready: bytes | None = st.session_state.get(key)
    if ready:
        st.download_button(
            f"Download the ZIP ({_size(ready)})",
            ready,
            file_name=f"run-season-data-{runtime.now():%Y-%m-%d}.zip",
            mime="application/zip",
            key=f"download-{key}",
        )


def erase_athlete_form(actor: Actor, athlete_id: int, name: str, email: str) -> None:
    """Erase one athlete for good, once their email is typed back."""
    with st.form(f"erase-athlete-{athlete_id}"):
        st.markdown(
            f"Erase **{runtime.plain(name)}** and everything held about them: check-ins, "
            "sessions, files, notes and plans. It cannot be undone; the audit trail keeps only "
            "that an erasure happened."
        )
        typed = st.text_input(f"Type their email, {email}, to confirm")
        if st.form_submit_button("Erase this athlete", type="primary"):
            if typed.strip().lower() != email.lower():
                st.error(f"Type the athlete's email, {email}, to confirm the erasure.")
            elif runtime.call(erasure.erase_athlete, actor, athlete_id, now=runtime.now()):
                runtime.done(f"{name} and everything held about them are erased.")


def erase_organization_form(actor: Actor) -> None:
    """Erase the whole organization, once its short name is typed back (the session ends)."""
    organization = runtime.call(organizations.get_my_organization, actor)
    if organization is None:
        return
    with st.form("erase-organization"):
        st.markdown(
            f"Erase **{runtime.plain(organization.name)}**: every account in it, your own "
            "included, and everything held about its athletes. It cannot be undone."
        )
        typed = st.text_input(f"Type its short name, {organization.slug}, to confirm")
        if st.form_submit_button("Erase the organization", type="primary"):
            erased = runtime.call(
                erasure.erase_organization,
                actor,
                organization.id,
                confirmation=typed,
                now=runtime.now(),
            )
            if erased is not None:
                st.success(f"{organization.name} is erased. Your account went with it.")
                runtime.same_tab_link("Back to the sign-in page", runtime.SIGNIN_URL)
                st.stop()
