"""Coach · Plan builder: goal race, dates, availability and volume; then the calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import streamlit as st
from sqlalchemy.orm import Session

from runseason.domain import units
from runseason.errors import InvalidInput
from runseason.schemas.plans import (
    GoalCreate,
    GoalUpdate,
    PlanCreate,
    PlanRead,
)
from runseason.services.identity.access import Actor
from runseason.services.plans import archive, generation, goals
from runseason.services.views import caseload
from runseason.ui import runtime, wording
from runseason.ui.components.plan_editor import plan_edits
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
    return generation.generate_plan(
        session, actor, athlete_id, plan_in.model_copy(update={"goal_id": goal.id}), now=now
    )


def _days(picked: Any) -> list[date]:
    """Every day of a picked range (the one day when only its start is picked)."""
    if not picked:
        return []
    first, last = picked[0], picked[-1]
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _delete_goal(session: Session, actor: Actor, goal_id: int) -> bool:
    """Delete a race; True once done (a refusal shows its message instead)."""
    goals.delete_goal(session, actor, goal_id)
    return True


PLAN_LABELS = {
    "race_date": "Race date",
    "start_date": "Plan starts",
    "current_weekly_distance_m": "Current weekly volume",
    "available_weekdays": "Days available",
    "long_run_weekday": "Long run day",
    "unavailable_dates": "Days away",
}


def _earlier_plans(actor: Actor, athlete_id: int, unit: units.Unit) -> None:
    """The plans a new one replaced: viewable, and one click from active again."""
    earlier = [
        p
        for p in runtime.call(archive.list_plans, actor, athlete_id) or []
        if p.status == "archived"
    ]
    if not earlier:
        return
    st.subheader("Earlier plans")
    shown = {
        p.id: f"{p.name} · {wording.day(p.start_date)} to {wording.day(p.end_date)} · replaced"
        for p in earlier
    }
    chosen = st.selectbox("Earlier plan", list(shown), format_func=lambda i: shown.get(i, ""))
    if st.button("Make this plan active again", key=f"restore-{chosen}"):
        if runtime.call(archive.restore_plan, actor, chosen, now=runtime.now()):
            runtime.done(f"{shown[chosen].split(' · ')[0]} is active again.")
    with st.expander("See this plan"):
        old = runtime.call(generation.get_plan, actor, chosen)
        if old is not None:
            plan_calendar(old, unit, key=f"earlier-{chosen}")


actor = runtime.actor()
me = runtime.user()
unit = runtime.unit_of(me)
st.title("Plan builder")
runtime.show_flash()
roster = runtime.call(caseload.get_caseload, actor, page=1, page_size=200, sort="name")
if roster is None or not roster.items:
    st.info("No athletes are assigned to you yet.")
    st.stop()
names = {r.athlete_id: r.name for r in roster.items}
athlete_id = st.selectbox("Athlete", list(names), format_func=lambda i: names[i])
today = runtime.now().date()
GOAL_LABELS = {
    "name": "Race name as shown",
    "race_date": "New race date",
    "target_time_s": "New target time",
    "priority": "New priority",
}
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
    away = st.date_input("Days away (holiday, travel; optional)", value=[], min_value=today)
    submitted = st.form_submit_button("Build the plan", type="primary")

PENDING = "plan-builder-pending"
if submitted:
    st.session_state.pop(PENDING, None)
    try:
        target_s = units.parse_duration(target) if target.strip() else None
    except Exception as error:
        st.error(f"Target time: {error}")
        st.stop()
    goal_in = runtime.valid(
        GoalCreate,
        {"name": "Race name", "race_date": "Race date", "target_time_s": "Target time"},
        name=name,
        distance_m=RACES[race],
        race_date=race_date,
        target_time_s=target_s,
    )
    plan_in = runtime.valid(
        PlanCreate,
        PLAN_LABELS,
        race_distance_m=RACES[race],
        race_date=race_date,
        start_date=start,
        current_weekly_distance_m=units.distance_from(weekly, unit),
        available_weekdays=[DAYS.index(d) for d in weekdays],
        long_run_weekday=DAYS.index(long_day),
        unavailable_dates=_days(away),
    )
    if goal_in is not None and plan_in is not None:
        st.session_state[PENDING] = (athlete_id, goal_in, plan_in)

current = runtime.call(generation.find_active_plan, actor, athlete_id)
pending = st.session_state.get(PENDING)
if pending is not None and pending[0] == athlete_id:
    replace = current is None
    if current is not None:
        with st.container(border=True):
            st.warning(
                f"{runtime.plain(names[athlete_id])} already follows {runtime.plain(current.name)} "
                f"({wording.day(current.start_date)} to {wording.day(current.end_date)}). "
                "A new plan "
                "replaces it; the current plan is kept under Earlier plans and can be restored."
            )
            left, right = st.columns(2)
            replace = left.button("Replace the current plan", type="primary")
            if right.button("Keep the current plan"):
                st.session_state.pop(PENDING, None)
                st.rerun()
    if replace:
        st.session_state.pop(PENDING, None)
        # The coach confirmed (or there is nothing to replace): the service is told so.
        plan_in = pending[2].model_copy(update={"replace_active": current is not None})
        plan = runtime.call(_build, actor, athlete_id, pending[1], plan_in, now=runtime.now())
        if plan is not None:
            runtime.done(f"Plan built: {plan.weeks} weeks, {len(plan.sessions)} sessions.")

if current is not None:
    st.subheader("3 · The calendar")
    for text in current.warnings:
        st.warning(text)
    week = plan_calendar(current, unit, key="builder")
    if week is not None:
        plan_edits(actor, current, week, today)
    revisions = runtime.call(generation.list_revisions, actor, current.id) or []
    changes = len(revisions) - 1
    st.caption(
        f"Version {current.version}; "
        + ("no change since it was built." if changes < 1 else f"changed {changes} times.")
    )
_earlier_plans(actor, athlete_id, unit)

st.subheader("Races")
st.caption("B and C races get a mini-taper and a recovery day when the plan is built or rebuilt.")
with st.form("other-race"):
    race_cols = st.columns(4)
    other_name = race_cols[0].text_input("Other race", "Tune-up 10K")
    other_distance = race_cols[1].selectbox("Its distance", list(RACES), index=1)
    other_day = race_cols[2].date_input("Its date", today + timedelta(weeks=8), min_value=today)
    priority = race_cols[3].selectbox("Priority", ["B", "C"])
    if st.form_submit_button("Add the race"):
        other = runtime.valid(
            GoalCreate,
            name=other_name,
            distance_m=RACES[other_distance],
            race_date=other_day,
            priority=priority,
        )
        if other and runtime.call(goals.create_goal, actor, athlete_id, other, now=runtime.now()):
            runtime.done(f"{runtime.plain(other.name)} added ({other.priority} race).")
found_goals = runtime.call(goals.list_goals, actor, athlete_id)
race_goals = found_goals.items if found_goals else []
if race_goals:
    shown = {
        g.id: f"{g.priority} · {g.name} · {wording.day(g.race_date)} · "
        f"{runtime.distance(g.distance_m, unit)}"
        for g in race_goals
    }
    goal_id = st.selectbox("Race to change", list(shown), format_func=lambda i: shown[i])
    goal = next(g for g in race_goals if g.id == goal_id)
    with st.form(f"edit-race-{goal.id}"):
        new_name = st.text_input("Race name as shown", goal.name, max_chars=200)
        new_day = st.date_input("New race date", goal.race_date, min_value=today)
        new_target = st.text_input(
            "New target time (h:mm:ss, empty for none)",
            runtime.duration(goal.target_time_s) if goal.target_time_s else "",
        )
        new_priority = st.selectbox(
            "New priority", ["A", "B", "C"], index="ABC".index(goal.priority)
        )
        delete = st.checkbox("Delete this race")
        if st.form_submit_button("Save the race"):
            if delete:
                if runtime.call(_delete_goal, actor, goal.id):
                    runtime.done(f"{runtime.plain(goal.name)} deleted.")
                st.stop()
            try:
                new_target_s = units.parse_duration(new_target) if new_target.strip() else None
            except InvalidInput as error:
                st.error(f"New target time: {error.message}")
                st.stop()
            change = runtime.valid(
                GoalUpdate,
                GOAL_LABELS,
                name=new_name,
                race_date=new_day,
                target_time_s=new_target_s,
                priority=new_priority,
            )
            if change and runtime.call(
                goals.update_goal, actor, goal.id, change, now=runtime.now()
            ):
                runtime.done(f"{runtime.plain(change.name or goal.name)}: saved.")
