"""Profile: zones and paces, units and time zone, password, sessions, and your data as a ZIP."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

import streamlit as st
from sqlalchemy.orm import Session

from runseason.domain import units
from runseason.domain.environment import feet_to_metres, metres_to_feet
from runseason.schemas.accounts import AthleteUpdate, ProfileUpdate
from runseason.services.identity import auth, users
from runseason.services.plans import zones
from runseason.ui import runtime, wording
from runseason.ui.components.data_rights import download_section
from runseason.ui.components.email_preferences import email_preferences_form


def _end(session: Session, *args: Any, **kwargs: Any) -> bool:
    auth.end_own_session(session, *args, **kwargs)
    return True


def _change(session: Session, *args: Any, **kwargs: Any) -> bool:
    auth.change_password(session, *args, **kwargs)
    return True


def home_altitude_form(athlete_id: int, unit: units.Unit) -> None:
    """Where the athlete usually runs: today's paces slow above 750 m (in feet for miles)."""
    profile = runtime.call(users.get_athlete_profile, actor, athlete_id)
    stored = profile.home_altitude_m if profile else None
    feet = unit == "mi"
    shown = None if stored is None else round(metres_to_feet(stored) if feet else stored)
    with st.form("home_altitude"):
        height = st.number_input(
            f"Home altitude ({'ft' if feet else 'm'}): where you usually run", value=shown
        )
        if st.form_submit_button("Save altitude"):
            metres = None if height is None else (feet_to_metres(height) if feet else height)
            data = runtime.valid(AthleteUpdate, home_altitude_m=metres)
            if data and runtime.call(users.update_athlete, actor, athlete_id, data):
                st.success("Saved.")


actor = runtime.actor()
me = runtime.user()
CHOSEN = "profile-password-chosen"
if st.session_state.pop(CHOSEN, False):  # a first password chosen: on to the person's day
    runtime.flash("Password changed; your other sessions were signed out.")
    home = "today.py" if actor.role == "athlete" else "command_center.py"
    st.switch_page(str(runtime.PAGES / home))
st.title("Profile")
runtime.show_flash()

if me.must_change_password:
    st.warning("Choose your own password before you go on: the one you were given is temporary.")

with st.form("password"):
    st.subheader("Password")
    current = st.text_input("Current password", type="password")
    new = st.text_input("New password (at least 12 characters)", type="password")
    again = st.text_input("New password again", type="password")
    if st.form_submit_button("Change password"):
        if new != again:
            st.error("The two new passwords differ.")
        else:
            token = runtime.session_token()
            done = runtime.call(
                _change, actor, current, new, now=runtime.now(), keep_session_token=token
            )
            if done:
                if me.must_change_password:
                    st.session_state[CHOSEN] = True
                    st.rerun()  # the other pages open with the new password
                runtime.done("Password changed; your other sessions were signed out.")

if not me.must_change_password:
    with st.form("preferences"):
        st.subheader("Preferences")
        unit = st.radio(
            "Units", ["km", "mi"], index=0 if me.unit_preference == "km" else 1, horizontal=True
        )
        time_zones = sorted(available_timezones())
        tz = st.selectbox("Time zone", time_zones, index=time_zones.index(me.timezone))
        if st.form_submit_button("Save"):
            if runtime.call(
                users.update_profile, actor, ProfileUpdate(unit_preference=unit, timezone=tz)
            ):
                st.success("Saved.")
                st.rerun()

    email_preferences_form(actor)

    if actor.athlete_id:
        home_altitude_form(actor.athlete_id, runtime.unit_of(me))
        mine = runtime.call(zones.get_zones, actor, actor.athlete_id)
        unit_pref = runtime.unit_of(me)
        if mine is not None:
            st.subheader("Zones and paces")
            if mine.vdot:
                st.caption(f"VDOT {mine.vdot:.1f} ({mine.vdot_source or 'set by your coach'})")
            left, right = st.columns(2)
            left.dataframe(
                [
                    {
                        "pace zone": wording.pace_zone(z.name)
                        + (" (set by the coach)" if z.overridden else ""),
                        "from": units.format_pace(z.low, unit_pref),
                        "to": units.format_pace(z.high, unit_pref),
                    }
                    for z in mine.pace
                ],
                hide_index=True,
            )
            right.dataframe(
                [
                    {
                        "heart-rate zone": wording.hr_zone(z.name)
                        + (" (set by the coach)" if z.overridden else ""),
                        "heart rate": wording.bpm_range(z.low, z.high),
                    }
                    for z in mine.heart_rate
                ],
                hide_index=True,
            )
            if mine.heart_rate_method:
                right.caption(mine.heart_rate_method)
            for gap in mine.missing:
                st.info(f"Missing: {gap}.")

    if actor.athlete_id:
        st.subheader("Your data")
        download_section(actor, actor.athlete_id, "you")

    sessions = (
        runtime.call(
            auth.list_sessions,
            actor,
            now=runtime.now(),
            current_token=runtime.session_token(),
        )
        or []
    )
    st.subheader("Where you are signed in")
    for s in sessions:
        here = " (this browser)" if s.current else ""
        cols = st.columns([4, 1])
        cols[0].markdown(
            f"**{s.device}**{here} · signed in {wording.moment(s.created_at, me.timezone)} · "
            f"last seen {wording.moment(s.last_seen_at, me.timezone)}"
        )
        if not s.current and cols[1].button("Sign out", key=f"end-session-{s.id}"):
            if runtime.call(_end, actor, s.id, now=runtime.now()):
                runtime.done(f"{s.device} is signed out.")
    others = [s for s in sessions if not s.current]
    if others and st.button("Sign out everywhere else", key="end-other-sessions"):
        ended = runtime.call(
            auth.end_other_sessions,
            actor,
            now=runtime.now(),
            current_token=runtime.session_token(),
        )
        if ended is not None:
            runtime.done(f"Signed out of {ended} other session{'s' if ended != 1 else ''}.")
