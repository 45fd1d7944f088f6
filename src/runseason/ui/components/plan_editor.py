"""The coach's plan edits, under the calendar's chosen week: change or cancel a session, add one
from the library, swap two, replace one with another template, scale the week, rebuild from a day.

Every form is keyed by the object it edits, so picking another session loads that session's
values; every change is confirmed by a toast after the rerun that shows it.
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from runseason.schemas.library import TemplateRead
from runseason.schemas.plans import (
    CalendarSessionRead,
    CalendarWeekRead,
    PlanRead,
    PlanRegenerate,
    SessionAdd,
    SessionEdit,
    SessionReplace,
    SessionSwap,
    WeekScale,
)
from runseason.services.identity.access import Actor
from runseason.services.plans import editing, generation, library
from runseason.ui import runtime, wording

EDITABLE = ("planned", "missed", "skipped", "cancelled")
STATUS_CHOICES = {"planned": "planned", "cancelled": "cancelled", "skipped": "skipped"}
EDIT_LABELS = {
    "scheduled_date": "Date",
    "planned_duration_s": "Minutes",
    "title": "Title",
    "coach_note": "Note for the athlete",
    "reason": "Why",
}


def _label(s: CalendarSessionRead) -> str:
    day, length = wording.day_short(s.scheduled_date), runtime.duration(s.planned_duration_s)
    return f"{day} · {s.title} · {length}"


def _pick(label: str, sessions: list[CalendarSessionRead], key: str) -> CalendarSessionRead:
    """A session picker; ``key`` carries the plan's version, so after a change the picker is
    drawn afresh (with the stored values in its labels) on the session picked before."""
    names = {s.id: _label(s) for s in sessions}
    ids = list(names)
    memory = f"{key.rsplit('-v', 1)[0]}-{label}"
    before = st.session_state.get(memory)
    chosen = st.selectbox(
        label,
        ids,
        index=ids.index(before) if before in ids else 0,
        format_func=lambda i: names.get(i, ""),
        key=f"{key}-{label}",
    )
    st.session_state[memory] = chosen
    return next(s for s in sessions if s.id == chosen)


def _edit_session(
    actor: Actor, sessions: list[CalendarSessionRead], key: str, version: int
) -> None:
    """Move, resize, rename, cancel or annotate one session (the picker sits outside the form)."""
    row = _pick("Session to change", sessions, key)
    with st.form(f"edit-session-{row.id}-{key}"):
        cols = st.columns(3)
        day = cols[0].date_input("Date", row.scheduled_date, key=f"day-{row.id}-{key}")
        minutes = cols[1].number_input(
            "Minutes",
            min_value=5,
            max_value=360,
            value=max(5, round(row.planned_duration_s / 60)),
            step=1,
            key=f"minutes-{row.id}-{key}",
        )
        current = row.status if row.status in STATUS_CHOICES else "planned"
        status = cols[2].selectbox(
            "Status",
            list(STATUS_CHOICES),
            index=list(STATUS_CHOICES).index(current),
            key=f"status-{row.id}-{key}",
        )
        title = st.text_input("Title", row.title, max_chars=200, key=f"title-{row.id}-{key}")
        note = st.text_input(
            "Note for the athlete", row.coach_note or "", max_chars=1000, key=f"note-{row.id}-{key}"
        )
        reason = st.text_input(
            "Why (kept in the plan's history)", "edited by the coach", key=f"why-{row.id}-{key}"
        )
        left, right = st.columns(2)
        save = left.form_submit_button("Save the change", type="primary")
        cancel = right.form_submit_button("Cancel this session")
    if not (save or cancel):
        return
    values: dict[str, object] = {"reason": reason or "edited by the coach", "plan_version": version}
    if cancel:
        values["status"] = "cancelled"
    else:  # only what the coach changed: an untouched title follows a new duration
        typed = {
            "scheduled_date": (day, row.scheduled_date),
            "planned_duration_s": (float(minutes) * 60, round(row.planned_duration_s / 60) * 60),
            "title": (title, row.title),
            "status": (status, current),
            "coach_note": (note or None, row.coach_note or None),
        }
        values.update({k: new for k, (new, old) in typed.items() if new != old})
    edit = runtime.valid(SessionEdit, EDIT_LABELS, **values)
    if edit and runtime.call(editing.edit_session, actor, row.id, edit, now=runtime.now()):
        what = "cancelled" if cancel else "saved"
        runtime.done(
            f"{runtime.plain(row.title)} on {wording.day_short(day)}: {what}; "
            "the plan has a new version."
        )


def _templates(actor: Actor, key: str) -> TemplateRead | None:
    search = st.text_input("Find in the library", key=f"{key}-search", max_chars=100)
    found = runtime.call(
        library.list_templates, actor, search=search or None, page=1, page_size=100
    )
    if not found or not found.items:
        st.info("No session in the library matches.")
        return None
    names = {
        t.id: f"{t.name} · {wording.label(t.category).lower()}"
        f" · about {runtime.duration(t.estimated_duration_s)}"
        for t in found.items
    }
    chosen = st.selectbox(
        "Library session",
        list(names),
        format_func=lambda i: names.get(i, ""),
        key=f"{key}-template",
    )
    return next(t for t in found.items if t.id == chosen)


def _add(actor: Actor, plan: PlanRead, week: CalendarWeekRead) -> None:
    template = _templates(actor, "add")
    if template is None:
        return
    with st.form(f"add-{week.id}-{template.id}"):
        day = st.date_input(
            "On",
            max(week.start_date, plan.start_date),
            min_value=plan.start_date,
            max_value=plan.end_date,
        )
        minutes = st.number_input("Minutes", 5, 360, round(template.estimated_duration_s / 60))
        note = st.text_input("Note for the athlete", max_chars=1000)
        if not st.form_submit_button("Add to the plan", type="primary"):
            return
    data = runtime.valid(
        SessionAdd,
        {"scheduled_date": "On", "planned_duration_s": "Minutes"},
        scheduled_date=day,
        template_id=template.id,
        plan_version=plan.version,
        planned_duration_s=float(minutes) * 60,
        coach_note=note or None,
    )
    if data and runtime.call(editing.add_session, actor, plan.id, data, now=runtime.now()):
        runtime.done(f"{runtime.plain(template.name)} added on {wording.day_short(day)}.")


def _swap(actor: Actor, plan: PlanRead, sessions: list[CalendarSessionRead], key: str) -> None:
    if len(sessions) < 2:
        st.caption("This week has fewer than two sessions to swap.")
        return
    first = _pick("Swap", sessions, key)
    second = _pick("With", [s for s in sessions if s.id != first.id], key)
    if st.button("Swap the two days", key="swap-go"):
        data = SessionSwap(first_id=first.id, second_id=second.id, plan_version=plan.version)
        if runtime.call(editing.swap_sessions, actor, plan.id, data, now=runtime.now()):
            runtime.done(
                f"Swapped: {runtime.plain(first.title)} and {runtime.plain(second.title)}."
            )


def _replace(actor: Actor, sessions: list[CalendarSessionRead], key: str, version: int) -> None:
    row = _pick("Session to replace", sessions, key)
    template = _templates(actor, "replace")
    if template is not None and st.button("Replace it", key=f"replace-{row.id}"):
        data = SessionReplace(template_id=template.id, plan_version=version)
        if runtime.call(editing.replace_session, actor, row.id, data, now=runtime.now()):
            runtime.done(
                f"{runtime.plain(row.title)} on {wording.day_short(row.scheduled_date)} "
                f"is now {runtime.plain(template.name)}."
            )


def _scale(actor: Actor, week: CalendarWeekRead, version: int) -> None:
    percent = st.slider(
        "Volume of the sessions still to come (%)", 30, 150, 100, step=5, key=f"scale-{week.id}"
    )
    if st.button("Scale the week", key=f"scale-go-{week.id}"):
        data = WeekScale(factor=percent / 100, plan_version=version)
        if runtime.call(editing.scale_week, actor, week.id, data, now=runtime.now()):
            runtime.done(f"Week {week.number} scaled to {percent} %.")


def _days(picked: object) -> list[date]:
    """Every day of a picked range (the one day when only its start is picked)."""
    if not isinstance(picked, list | tuple) or not picked:
        return []
    first, last = picked[0], picked[-1]
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _rebuild(actor: Actor, plan: PlanRead, today: date) -> None:
    if plan.unavailable_dates:
        kept = ", ".join(wording.day(d) for d in plan.unavailable_dates)
        st.caption(f"Days away kept free: {kept}")
    with st.form("rebuild"):
        start = st.date_input(
            "Rebuild from",
            max(today, plan.start_date),
            min_value=max(today, plan.start_date),
            max_value=plan.end_date,
        )
        more = st.date_input("Add days away (holiday, travel)", value=[], min_value=today)
        forget = st.checkbox("Forget the days away kept so far")
        reason = st.text_input("Why (kept in the plan's history)", "regenerated by the coach")
        if not st.form_submit_button("Rebuild the plan from that day"):
            return
    away = set(_days(more)) | (set() if forget else set(plan.unavailable_dates))
    data = runtime.valid(
        PlanRegenerate,
        {"from_date": "Rebuild from"},
        from_date=start,
        unavailable_dates=sorted(away),
        plan_version=plan.version,
        reason=reason or "regenerated",
    )
    if data and runtime.call(generation.regenerate_from, actor, plan.id, data, now=runtime.now()):
        runtime.done(f"The plan is rebuilt from {wording.day(start)}.")


def plan_edits(actor: Actor, plan: PlanRead, week: CalendarWeekRead, today: date) -> None:
    """Every edit of the plan, for the chosen week of the calendar."""
    sessions = [s for s in week.sessions if s.status in EDITABLE and s.category != "rest"]
    key = f"{plan.id}-{week.id}-v{plan.version}"
    st.subheader(f"Change week {week.number}")
    tabs = st.tabs(
        [
            "Change or cancel",
            "Add from the library",
            "Swap",
            "Replace",
            "Scale the week",
            "Rebuild from a day",
        ]
    )
    with tabs[0]:
        if sessions:
            _edit_session(actor, sessions, key, plan.version)
        else:
            st.caption("Every session of this week is done; pick another week to change.")
    with tabs[1]:
        _add(actor, plan, week)
    with tabs[2]:
        _swap(actor, plan, sessions, key)
    with tabs[3]:
        if sessions:
            _replace(actor, sessions, key, plan.version)
    with tabs[4]:
        _scale(actor, week, plan.version)
    with tabs[5]:
        _rebuild(actor, plan, today)
