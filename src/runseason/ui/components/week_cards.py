"""This week's sessions as cards, one under the other on a phone: day, session, planned, done."""

from __future__ import annotations

import streamlit as st

from runseason.domain import units
from runseason.schemas.plans import CalendarSessionRead
from runseason.services.identity.access import Actor
from runseason.services.plans import calendar, generation
from runseason.ui import runtime, wording

MARKS = {
    "completed": ":green[:material/check_circle:] done",
    "partial": ":orange[:material/timelapse:] partly done",
    "missed": ":red[:material/cancel:] missed",
    "skipped": ":red[:material/cancel:] skipped",
    "cancelled": ":gray[:material/block:] cancelled",
    "planned": ":blue[:material/schedule:] to come",
    "modified": ":blue[:material/edit_calendar:] changed by your coach",
}


def _card(s: CalendarSessionRead, unit: units.Unit) -> None:
    with st.container(border=True):
        st.markdown(f"**{wording.day(s.scheduled_date)}** · {runtime.plain(s.title)}")
        planned = runtime.duration(s.planned_duration_s)
        if s.planned_distance_m:
            planned += f" · {runtime.distance(s.planned_distance_m, unit)}"
        done = ""
        if s.done_duration_s:
            done = f" · done {runtime.duration(s.done_duration_s)}"
        mark = MARKS.get(s.status, wording.label(s.status))
        st.caption(f"{mark} · planned {planned}{done}")
        if s.coach_note:
            st.markdown(f":material/forum: {s.coach_note}")


def this_week(actor: Actor, athlete_id: int, unit: units.Unit) -> None:
    """The current plan week's sessions as cards (nothing without an active plan)."""
    plan = runtime.call(generation.find_active_plan, actor, athlete_id)
    if plan is None:
        return
    cal = runtime.call(calendar.get_plan_calendar, actor, plan.id, now=runtime.now())
    week = next((w for w in cal.weeks if w.is_current), None) if cal else None
    if week is None or not week.sessions:
        return
    st.subheader(f"This week · week {week.number}")
    for s in sorted(week.sessions, key=lambda s: s.scheduled_date):
        _card(s, unit)
