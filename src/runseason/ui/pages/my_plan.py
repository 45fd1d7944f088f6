"""Athlete · My plan: the calendar week by week, with what was done."""

from __future__ import annotations

import streamlit as st

from runseason.services import day_exceptions
from runseason.services.plans import generation
from runseason.ui import runtime
from runseason.ui.views import plan_calendar

actor = runtime.actor()
me = runtime.user()
st.title("My plan")
plan = runtime.call(generation.find_active_plan, actor, actor.athlete_id or 0)
if plan is None:
    st.info("Your coach has not published a plan yet.")
else:
    marked = runtime.call(
        day_exceptions.list_marked_days, actor, actor.athlete_id or 0, now=runtime.now()
    )
    plan_calendar(plan, runtime.unit_of(me), marked=marked or [])
