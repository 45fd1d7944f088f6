"""Athlete · Today: the check-in in a few taps, then the briefing with its reason."""

from __future__ import annotations

import streamlit as st

from runseason.schemas.checkins import CheckInCreate
from runseason.services import briefing, checkins
from runseason.ui import runtime

actor = runtime.actor()
me = runtime.user()
unit = runtime.unit_of(me)
athlete_id = actor.athlete_id or 0
st.title("Today")

brief = runtime.call(briefing.get_briefing, actor, athlete_id, now=runtime.now())
if brief is not None:
    with st.container(border=True):
        st.subheader(f"Your session: {brief.title}")
        st.write(brief.reason)
        st.caption(brief.decision_label)
        cols = st.columns(3)
        cols[0].metric("Duration", brief.duration_text or "-")
        cols[1].metric("Distance", brief.distance_text or "-")
        score = "-" if brief.readiness_score is None else f"{brief.readiness_score:.0f}"
        cols[2].metric("Readiness", score, help=brief.readiness_band or "no check-in yet")
        for target in brief.targets:
            st.markdown(f"**{target.label}:** {target.text}")
        for note in brief.adjustments:
            st.caption(note)
        for factor in brief.factors:
            st.caption(f"• {factor}")

today = brief.local_date if brief else None
existing = runtime.call(checkins.find_checkin_for_day, actor, athlete_id, today) if today else None
st.subheader("Check-in" if existing is None else "Update today's check-in")
SCALE = {1: "1 · poor", 2: "2", 3: "3 · ok", 4: "4", 5: "5 · great"}
with st.form("checkin"):
    left, right = st.columns(2)
    sleep = left.select_slider(
        "Sleep quality",
        options=list(SCALE),
        value=existing.sleep_quality if existing else 3,
        format_func=SCALE.get,
    )
    energy = right.select_slider(
        "Energy",
        options=list(SCALE),
        value=existing.energy if existing else 3,
        format_func=SCALE.get,
    )
    recovery = left.select_slider(
        "Recovery (muscle soreness: 5 = none)",
        options=list(SCALE),
        value=existing.recovery if existing else 3,
        format_func=SCALE.get,
    )
    stress = right.select_slider(
        "Stress (5 = calm)",
        options=list(SCALE),
        value=existing.stress if existing else 3,
        format_func=SCALE.get,
    )
    with st.expander("More (optional): hours, heart rate, HRV, illness, pain, note"):
        hours = st.number_input("Hours slept", 0.0, 24.0, value=None, step=0.25)
        rhr = st.number_input("Resting heart rate", 25, 250, value=None)
        hrv = st.number_input("HRV (rMSSD, ms)", 1.0, 500.0, value=None)
        ill = st.toggle("I feel ill")
        pain = st.slider("Pain (0 = none)", 0, 10, 0)
        where = st.text_input("Where does it hurt?", max_chars=100)
        note = st.text_area("Note for your coach", max_chars=2000)
    submitted = st.form_submit_button("Save check-in", type="primary")

if submitted:
    data = runtime.valid(
        CheckInCreate,
        sleep_quality=sleep,
        energy=energy,
        recovery=recovery,
        stress=stress,
        sleep_hours=hours,
        resting_hr=rhr,
        hrv_rmssd=hrv,
        illness=ill,
        pain_severity=pain or None,
        pain_location=where or None,
        note=note or None,
    )
    saved = data and runtime.call(
        checkins.submit_checkin, actor, athlete_id, data, now=runtime.now()
    )
    if saved:
        st.success(
            f"Check-in saved. Readiness {saved.readiness_score:.0f} ({saved.readiness_band})."
            if saved.readiness_score is not None
            else "Check-in saved."
        )
        st.rerun()
