"""Coach · Plan builder: goal race, dates, availability and volume; then the calendar."""

from __future__ import annotations

from datetime import datetime, timedelta

import streamlit as st
from sqlalchemy.orm import Session

from runseason.domain import units
from runseason.schemas.plans import GoalCreate, PlanCreate, PlanRead
from runseason.services import command_center, goals, plans
from runseason.services.access import Actor
from runseason.ui import runtime
from runseason.ui.views import plan_calendar


def _build(
    session: Session,
    actor: Actor,
    athlete_id: int,
    goal_in: GoalCreate,
    plan_in: PlanCreate,
    *,
    now: datetime,
) -> PlanRead:
    """The goal and its plan in one transaction: a refused plan leaves no orphan goal."""
    goal = goals.create_goal(session, actor, athlete_id, goal_in, now=now)
    return plans.generate_plan(
        session, actor, athlete_id, plan_in.model_copy(update={"goal_id": goal.id}), now=now
    )


actor = runtime.actor()
me = runtime.user()
unit = runtime.unit_of(me)
st.title("Plan builder")
roster = runtime.call(command_center.get_caseload, actor, page=1, page_size=200, sort="name")
if roster is None or not roster.items:
    st.info("No athletes are assigned to you yet.")
    st.stop()
names = {r.athlete_id: r.name for r in roster.items}
athlete_id = st.selectbox("Athlete", list(names), format_func=lambda i: names[i])
today = runtime.now().date()
RACES = {"5K": 5000.0, "10K": 10000.0, "Half marathon": 21097.5, "Marathon": 42195.0}
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
with st.form("plan"):
    st.subheader("1 · Goal race")
    name = st.text_input("Race name", "Spring Half Marathon")
    race = st.selectbox("Distance", list(RACES), index=2)
    race_date = st.date_input("Race date", today + timedelta(weeks=16), min_value=today)
    target = st.text_input("Target time (optional, h:mm:ss)")
    st.subheader("2 · Availability and volume")
    weekdays = st.multiselect("Days available", DAYS, default=["Tue", "Thu", "Sat", "Sun"])
    long_day = st.selectbox("Long run day", DAYS, index=6)
    weekly = st.number_input(f"Current weekly volume ({unit})", 5.0, 250.0, 30.0)
    start = st.date_input("Plan starts", today + timedelta(days=(7 - today.weekday()) % 7))
    submitted = st.form_submit_button("Build the plan", type="primary")

if submitted:
    try:
        target_s = units.parse_duration(target) if target.strip() else None
    except Exception as error:
        st.error(str(error))
        st.stop()
    goal_in = runtime.valid(
        GoalCreate, name=name, distance_m=RACES[race], race_date=race_date, target_time_s=target_s
    )
    plan_in = runtime.valid(
        PlanCreate,
        race_distance_m=RACES[race],
        race_date=race_date,
        start_date=start,
        current_weekly_distance_m=units.distance_from(weekly, unit),
        available_weekdays=[DAYS.index(d) for d in weekdays],
        long_run_weekday=DAYS.index(long_day),
    )
    if goal_in is not None and plan_in is not None:
        plan = runtime.call(_build, actor, athlete_id, goal_in, plan_in, now=runtime.now())
        if plan is not None:
            st.success(f"Plan built: {plan.weeks} weeks, {len(plan.sessions)} sessions.")

current = runtime.call(plans.find_active_plan, actor, athlete_id)
if current is not None:
    st.subheader("3 · The calendar")
    plan_calendar(current, unit)
    revisions = runtime.call(plans.list_revisions, actor, current.id) or []
    if len(revisions) > 1:
        st.caption(f"{len(revisions)} versions: the original is kept for comparison.")
