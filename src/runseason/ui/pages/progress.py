"""Athlete · Progress: fitness chart, weekly volume, the plan projected to race day, the race
prediction against the goal and the long view over months and years."""

from __future__ import annotations

import streamlit as st

from runseason.services.plans import goals
from runseason.services.views import analytics
from runseason.ui import runtime
from runseason.ui.components import day_story, reports, trends
from runseason.ui.views import fitness_chart

actor = runtime.actor()
athlete_id = actor.athlete_id or 0
st.title("Progress")
days = st.segmented_control(
    "Period", [42, 90, 180, 365], default=90, format_func=lambda d: f"{d} days"
)
history = runtime.call(
    analytics.get_load_history, actor, athlete_id, now=runtime.now(), days=int(days or 90)
)
if history is not None:
    fitness_chart(history)

st.subheader("On track for race day")
day_story.on_track_panel(
    runtime.call(analytics.get_on_track, actor, athlete_id, now=runtime.now()),
    runtime.unit_of(runtime.user()),
)

st.subheader("Race prediction")
found_goals = runtime.call(goals.list_goals, actor, athlete_id)
my_goals = found_goals.items if found_goals else []
upcoming = [g for g in my_goals if g.status == "active"] or my_goals
if not upcoming:
    st.info("No race goal yet: ask your coach to add one.")
else:
    goal = upcoming[0]
    prediction = runtime.call(analytics.get_prediction, actor, athlete_id, goal.distance_m)
    st.write(f"**{runtime.plain(goal.name)}** on {goal.race_date}")
    if prediction is None:
        st.info("Log a race or a time trial (or ask your coach to set your VDOT) to get one.")
    else:
        cols = st.columns(3)
        cols[0].metric("Fastest model", runtime.duration(prediction.low_s))
        cols[1].metric("Slowest model", runtime.duration(prediction.high_s))
        target = runtime.duration(goal.target_time_s) if goal.target_time_s else "-"
        cols[2].metric("Your goal", target)
        if prediction.caution:
            st.caption(prediction.caution)

st.subheader("The long view")
trends.long_view(athlete_id)

st.subheader("Your season report")
reports.season_report(athlete_id)
