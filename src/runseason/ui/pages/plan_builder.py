"""Coach · Plan builder: goal race, dates, availability and volume; then the calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import streamlit as st
from sqlalchemy.orm import Session

from runseason.domain import units
from runseason.schemas.plans import (
    GoalCreate,
    GoalUpdate,
    PlanCreate,
    PlanRead,
    PlanRegenerate,
    SessionEdit,
)
from runseason.services.identity.access import Actor
from runseason.services.plans import editing, generation, goals
from runseason.services.views import caseload
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


def _label(view: tuple[str, str, int, str]) -> str:
    return f"{view[0]} · {view[1]} · {runtime.duration(view[2])}"


actor = runtime.actor()
me = runtime.user()
unit = runtime.unit_of(me)
st.title("Plan builder")
roster = runtime.call(caseload.get_caseload, actor, page=1, page_size=200, sort="name")
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
    away = st.date_input("Days away (holiday, travel; optional)", value=[], min_value=today)
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
        unavailable_dates=_days(away),
    )
    if goal_in is not None and plan_in is not None:
        plan = runtime.call(_build, actor, athlete_id, goal_in, plan_in, now=runtime.now())
        if plan is not None:
            st.success(f"Plan built: {plan.weeks} weeks, {len(plan.sessions)} sessions.")

current = runtime.call(generation.find_active_plan, actor, athlete_id)
if current is not None:
    st.subheader("3 · The calendar")
    for text in current.warnings:
        st.warning(text)
    plan_calendar(current, unit)
    if current.unavailable_dates:
        kept = ", ".join(f"{d:%a %d %b}" for d in current.unavailable_dates)
        st.caption(f"Days away kept free: {kept}")
    with st.form("away"):
        st.subheader("Days away")
        more = st.date_input("Add days away (holiday, travel)", value=[], min_value=today)
        forget = st.checkbox("Forget the days away kept so far")
        if st.form_submit_button("Rebuild the plan around them"):
            days_away = set(_days(more)) | (set() if forget else set(current.unavailable_dates))
            rebuild = runtime.valid(
                PlanRegenerate,
                from_date=max(today, current.start_date),
                unavailable_dates=sorted(days_away),
                reason="days away changed",
            )
            if rebuild and runtime.call(
                generation.regenerate_from, actor, current.id, rebuild, now=runtime.now()
            ):
                st.rerun()
    editable = [s for s in current.sessions if s.status == "planned"]
    if editable:
        with st.form("edit-session"):
            st.subheader("Edit a session")
            labels = {s.id: f"{s.scheduled_date:%a %d %b} · {s.title}" for s in editable}
            chosen = st.selectbox("Session", list(labels), format_func=lambda i: labels[i])
            row = next(s for s in editable if s.id == chosen)
            cols = st.columns(3)
            new_day = cols[0].date_input("Date", row.scheduled_date)
            minutes = cols[1].number_input(
                "Minutes", 5.0, 360.0, round(row.planned_duration_s / 60, 0)
            )
            status = cols[2].selectbox("Status", ["planned", "cancelled", "skipped"])
            title = st.text_input("Title", row.title, max_chars=200)
            note = st.text_input("Note for the athlete", row.coach_note or "", max_chars=1000)
            reason = st.text_input("Why (kept in the plan's history)", "edited by the coach")
            if st.form_submit_button("Save the change"):
                edit = runtime.valid(
                    SessionEdit,
                    scheduled_date=new_day,
                    planned_duration_s=minutes * 60,
                    title=title,
                    status=status,
                    coach_note=note or None,
                    reason=reason or "edited by the coach",
                )
                if edit and runtime.call(
                    editing.edit_session, actor, chosen, edit, now=runtime.now()
                ):
                    st.success("Saved; the plan has a new version.")
                    st.rerun()
    revisions = runtime.call(generation.list_revisions, actor, current.id) or []
    original = {
        s["id"]: s
        for s in (revisions[0].snapshot.get("sessions", []) if revisions else [])
        if "id" in s
    }
    changed = []
    for s in current.sessions:
        before = original.get(s.id)
        now_view = (s.scheduled_date.isoformat(), s.title, round(s.planned_duration_s), s.status)
        if before is None:
            continue
        then_view = (
            before["scheduled_date"],
            before["title"],
            round(before["planned_duration_s"]),
            before["status"],
        )
        if now_view != then_view:
            changed.append(
                {
                    "original": _label(then_view),
                    "current": _label(now_view)
                    + ("" if s.status == "planned" else f" ({s.status})"),
                }
            )
    st.subheader("Original versus current")
    if changed:
        st.dataframe(changed, hide_index=True, width="stretch")
    else:
        st.caption("No session differs from the plan as first built.")
    st.caption(f"Version {current.version}; {len(revisions)} revisions kept.")

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
            st.rerun()
race_goals = runtime.call(goals.list_goals, actor, athlete_id) or []
if race_goals:
    shown = {
        g.id: f"{g.priority} · {g.name} · {g.race_date:%d %b %Y} · "
        f"{runtime.distance(g.distance_m, unit)}"
        for g in race_goals
    }
    goal_id = st.selectbox("Race to change", list(shown), format_func=lambda i: shown[i])
    goal = next(g for g in race_goals if g.id == goal_id)
    with st.form("edit-race"):
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
                    st.rerun()
                st.stop()
            try:
                new_target_s = units.parse_duration(new_target) if new_target.strip() else None
            except Exception as error:
                st.error(str(error))
                st.stop()
            change = runtime.valid(
                GoalUpdate,
                name=new_name,
                race_date=new_day,
                target_time_s=new_target_s,
                priority=new_priority,
            )
            if change and runtime.call(
                goals.update_goal, actor, goal.id, change, now=runtime.now()
            ):
                st.rerun()
