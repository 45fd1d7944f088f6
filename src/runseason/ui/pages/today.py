"""Athlete · Today: the check-in in a few taps first, then the briefing with its reason."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from runseason.domain.dates import local_date
from runseason.domain.environment import (
    celsius_to_fahrenheit,
    fahrenheit_to_celsius,
    feet_to_metres,
    metres_to_feet,
)
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.coaching import SuggestionAnswer
from runseason.services import briefing, checkins, suggestions
from runseason.ui import runtime
from runseason.ui.components import coach_notes, day_story, session_thread, week_cards

actor = runtime.actor()
me = runtime.user()
unit = runtime.unit_of(me)
# The form asks in the athlete's own units; the check-in stores °C and metres.
to_celsius = fahrenheit_to_celsius if unit == "mi" else float
to_metres = feet_to_metres if unit == "mi" else float


def shown(stored: object, to_miles_units: Callable[[float], float]) -> float | None:
    """A stored °C or metre value as the form shows it (None when not given)."""
    if not isinstance(stored, float | int) or isinstance(stored, bool):
        return None
    return round(to_miles_units(stored) if unit == "mi" else float(stored), 1)


athlete_id = actor.athlete_id or 0
st.title("Today")

today = local_date(runtime.now(), me.timezone)
existing = runtime.call(checkins.find_checkin_for_day, actor, athlete_id, today)
st.subheader("Check-in" if existing is None else "Update today's check-in")
SCALE = {1: "1 · poor", 2: "2", 3: "3 · ok", 4: "4", 5: "5 · great"}
ITEMS = {
    "sleep_quality": "Sleep quality",
    "energy": "Energy",
    "recovery": "Recovery (muscle soreness: 5 = none)",
    "stress": "Stress (5 = calm)",
}
with st.form("checkin"):
    # Nothing is picked until the athlete taps an answer (or today's answer, when updating):
    # an item left alone is no answer and stays out of readiness.
    st.caption("Tap an answer for each item you want to report; one left alone is not counted.")
    left, right = st.columns(2)
    answers = {
        item: (left if i % 2 == 0 else right).segmented_control(
            label,
            options=list(SCALE),
            default=getattr(existing, item, None) if existing else None,
            format_func=lambda v: SCALE[v],
            key=f"checkin-{item}",
        )
        for i, (item, label) in enumerate(ITEMS.items())
    }
    # Optional answers start empty (or as already given today): an untouched one is no answer.
    with st.expander("More (optional): hours, heart rate, HRV, illness, pain, weather, note"):
        hours = st.number_input(
            "Hours slept", 0.0, 24.0, value=existing.sleep_hours if existing else None, step=0.25
        )
        rhr = st.number_input(
            "Resting heart rate", 25, 250, value=existing.resting_hr if existing else None
        )
        hrv = st.number_input(
            "HRV (rMSSD, ms)", 1.0, 500.0, value=existing.hrv_rmssd if existing else None
        )
        ill = st.toggle("I feel ill", value=bool(existing and existing.illness))
        fever = st.toggle("I have a fever", value=bool(existing and existing.fever))
        pain = st.slider("Pain (0 = none)", 0, 10, (existing and existing.pain_severity) or 0)
        where = st.text_input(
            "Where does it hurt?", (existing and existing.pain_location) or "", max_chars=100
        )
        gait = st.toggle(
            "The pain changes how I run", value=bool(existing and existing.pain_alters_gait)
        )
        degrees, height = ("°F", "ft") if unit == "mi" else ("°C", "m")
        temperature = st.number_input(
            f"Temperature where you run ({degrees})",
            value=shown(existing and existing.temperature_c, celsius_to_fahrenheit),
        )
        dew_point = st.number_input(
            f"Dew point ({degrees})",
            value=shown(existing and existing.dew_point_c, celsius_to_fahrenheit),
        )
        altitude = st.number_input(
            f"Altitude today, if away from home ({height})",
            value=shown(existing and existing.altitude_m, metres_to_feet),
        )
        note = st.text_area(
            "Note for your coach", (existing and existing.note) or "", max_chars=2000
        )
    submitted = st.form_submit_button("Save check-in", type="primary")

if submitted:
    data = runtime.valid(
        CheckInCreate,
        {**ITEMS, "sleep_hours": "Hours slept", "pain_location": "Where does it hurt?"},
        **answers,
        sleep_hours=hours,
        resting_hr=rhr,
        hrv_rmssd=hrv,
        illness=ill,
        fever=(ill and fever) or None,
        pain_severity=pain or None,
        pain_location=where or None,
        pain_alters_gait=(bool(pain) and gait) or None,
        temperature_c=None if temperature is None else to_celsius(temperature),
        dew_point_c=None if dew_point is None else to_celsius(dew_point),
        altitude_m=None if altitude is None else to_metres(altitude),
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

# The briefing follows the check-in: this morning's answers shape it.
brief = runtime.call(briefing.get_briefing, actor, athlete_id, now=runtime.now())
if brief is not None:
    with st.container(border=True):
        st.subheader(f"Your session: {runtime.plain(brief.title)}")
        st.markdown(runtime.plain(brief.reason))
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
        if brief.planned_session_id is not None:
            st.markdown("**Talk to your coach about this session**")
            session_thread.thread(
                actor, brief.planned_session_id, key="today_thread", prompt="Message to your coach"
            )

coach_notes.shared_notes(actor, athlete_id)
week_cards.this_week(actor, athlete_id, unit)

with st.expander("Sick, travelling or injured? Mark the days"):
    st.caption("Marked days leave your adherence and show on your plan.")
    day_story.mark_days_form(
        actor, athlete_id, local_date(runtime.now(), me.timezone), "mark_days_today"
    )

# Assisted mode: the engine's suggestion for today, which the athlete accepts or declines.
suggestion = runtime.call(suggestions.find_suggestion, actor, athlete_id, now=runtime.now())
if suggestion is not None:
    with st.container(border=True):
        st.subheader("A suggestion for today")
        st.markdown(f"**{runtime.plain(suggestion.title)}**")
        st.caption(runtime.plain(suggestion.rationale))
        if suggestion.answer is None:
            left, right = st.columns(2)
            accept = left.button("Accept the change", type="primary")
            decline = right.button("Keep my plan")
            if accept or decline:
                answer = SuggestionAnswer(answer="accept" if accept else "decline")
                done = runtime.call(
                    suggestions.answer_suggestion, actor, suggestion.id, answer, now=runtime.now()
                )
                if done:
                    st.rerun()
        else:
            said = "accepted the change" if suggestion.answer == "accepted" else "kept your plan"
            st.success(f"You {said}; your coach sees your answer.")
