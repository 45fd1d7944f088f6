"""Profile: zones and paces, units and time zone, password and active sessions."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

import streamlit as st
from sqlalchemy.orm import Session

from runseason.domain import paces, units
from runseason.domain import zones as zones_of
from runseason.schemas.accounts import ProfileUpdate
from runseason.services import auth, users
from runseason.ui import runtime


def _change(session: Session, *args: Any, **kwargs: Any) -> bool:
    auth.change_password(session, *args, **kwargs)
    return True


actor = runtime.actor()
me = runtime.user()
st.title("Profile")

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
                st.success("Password changed; your other sessions were signed out.")
                st.rerun()

if not me.must_change_password:
    with st.form("preferences"):
        st.subheader("Preferences")
        unit = st.radio(
            "Units", ["km", "mi"], index=0 if me.unit_preference == "km" else 1, horizontal=True
        )
        zones = sorted(available_timezones())
        tz = st.selectbox("Time zone", zones, index=zones.index(me.timezone))
        if st.form_submit_button("Save"):
            if runtime.call(
                users.update_profile, actor, ProfileUpdate(unit_preference=unit, timezone=tz)
            ):
                st.success("Saved.")
                st.rerun()

    if actor.athlete_id:
        profile = runtime.call(users.get_athlete_profile, actor, actor.athlete_id)
        unit_pref = runtime.unit_of(me)
        if profile is not None and profile.vdot:
            p = paces.training_paces(profile.vdot)
            st.subheader(f"Training paces (VDOT {profile.vdot:.1f})")
            cols = st.columns(5)
            easy = f"{units.format_pace(p.easy_slow_s_per_km, unit_pref)}"
            cols[0].metric(
                "Easy", easy, help="up to " + units.format_pace(p.easy_fast_s_per_km, unit_pref)
            )
            cols[1].metric("Marathon", units.format_pace(p.marathon_s_per_km, unit_pref))
            cols[2].metric("Threshold", units.format_pace(p.threshold_s_per_km, unit_pref))
            cols[3].metric("Interval", units.format_pace(p.interval_s_per_km, unit_pref))
            cols[4].metric("Repetition", units.format_pace(p.repetition_s_per_km, unit_pref))
        if profile is not None and profile.hr_max and profile.hr_rest:
            st.subheader("Heart-rate zones (Karvonen)")
            st.dataframe(
                [
                    {"zone": z.name, "from": round(z.low), "to": round(z.high)}
                    for z in zones_of.heart_rate_reserve_zones(profile.hr_rest, profile.hr_max)
                ],
                hide_index=True,
            )

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
        st.caption(
            f"{s.user_agent or 'unknown device'}{here} · last seen {s.last_seen_at:%d %b %H:%M}"
        )
