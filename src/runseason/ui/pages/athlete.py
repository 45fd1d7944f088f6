"""Coach · Athlete: the case: readiness, load, sessions, the plan, notes and the timeline."""

from __future__ import annotations

import streamlit as st

from runseason.domain.dates import local_date
from runseason.domain.risk import percent
from runseason.schemas.cases import HealthCaseCreate, NoteCreate, TaskCreate
from runseason.services import briefing, cases, day_exceptions
from runseason.services.plans import generation
from runseason.services.views import adherence, analytics, caseload
from runseason.ui import runtime, wording
from runseason.ui.components import (
    checkin_history,
    day_story,
    recent_sessions,
    reports,
    session_thread,
    trends,
)
from runseason.ui.views import fitness_chart, load_ratio_charts, load_trends, plan_calendar

actor = runtime.actor()
me = runtime.user()
unit = runtime.unit_of(me)
st.title("Athlete")


def _wanted() -> int | None:
    """The athlete of the URL (?athlete=12, which survives a reload), else the one last opened."""
    raw = st.query_params.get("athlete")
    if raw is not None and raw.isdigit():
        return int(raw)
    chosen = st.session_state.get("athlete_id")
    return chosen if isinstance(chosen, int) else None


# The picker searches the whole caseload on the server, not only its first page.
find = st.text_input("Find an athlete", max_chars=100, placeholder="Type part of a name")
roster = runtime.call(
    caseload.get_caseload, actor, page=1, page_size=50, sort="name", search=find or None
)
if roster is None:
    st.stop()
names = {r.athlete_id: r.name for r in roster.items}
wanted = _wanted()
row = runtime.call(caseload.get_caseload_row, actor, wanted) if wanted is not None else None
if row is not None and not find:
    names = {row.athlete_id: row.name, **names}
if not names:
    st.info("No athlete matches." if find else "No athletes are assigned to you yet.")
    st.stop()
ids = list(names)
if st.session_state.get("athlete_pick") not in ids or (
    wanted in ids and st.session_state["athlete_pick"] != wanted
):
    st.session_state["athlete_pick"] = wanted if wanted in ids else ids[0]


def _picked() -> None:
    st.query_params["athlete"] = str(st.session_state["athlete_pick"])


picked = st.selectbox(
    "Athlete", ids, key="athlete_pick", format_func=lambda i: names[i], on_change=_picked
)
athlete_id = int(picked if picked is not None else ids[0])
st.session_state["athlete_id"] = athlete_id
st.query_params["athlete"] = str(athlete_id)
if row is None or row.athlete_id != athlete_id:
    row = runtime.call(caseload.get_caseload_row, actor, athlete_id)
    if row is None:
        st.stop()

cols = st.columns(5)
cols[0].metric("Risk", percent(row.risk or 0), help=runtime.BUCKET_LABELS.get(row.risk_bucket))
cols[1].metric("Readiness", "-" if row.readiness_score is None else f"{row.readiness_score:.0f}")
cols[2].metric("Form (TSB)", "-" if row.form is None else f"{row.form:.1f}")
cols[3].metric("ACWR", "-" if row.acwr is None else f"{row.acwr:.2f}")
cols[4].metric("Adherence 7 d", "-" if row.adherence_7d is None else percent(row.adherence_7d))
why = [str(f["threshold"]) for f in row.top_factors if f.get("threshold")]
if why:
    st.caption("Why: " + "; ".join(why) + ".")

today = runtime.call(briefing.get_briefing, actor, athlete_id, now=runtime.now())
if today is not None:
    st.info(f"Today: **{runtime.plain(today.title)}**: {runtime.plain(today.reason)}")

tabs = st.tabs(
    [
        "Load",
        "Sessions",
        "Plan",
        "Adherence",
        "Race day",
        "Long view",
        "Check-ins",
        "Notes",
        "Tasks",
        "Injury and illness",
        "Timeline",
    ]
)
load_tab, sessions_tab, plan_tab, adherence_tab, race_tab, long_tab = tabs[:6]
checkins_tab, notes_tab, tasks_tab, health_tab, timeline_tab = tabs[6:]
with sessions_tab:
    recent_sessions.recent_sessions(actor, athlete_id, unit)
with checkins_tab:
    checkin_history.checkin_history(actor, athlete_id)
with long_tab:
    trends.long_view(athlete_id)
    reports.season_report(athlete_id)
with load_tab:
    history = runtime.call(analytics.get_load_history, actor, athlete_id, now=runtime.now())
    if history is not None:
        load_trends(history)
        fitness_chart(history)
        load_ratio_charts(history)
with plan_tab:
    plan = runtime.call(generation.find_active_plan, actor, athlete_id)
    marked = runtime.call(day_exceptions.list_marked_days, actor, athlete_id, now=runtime.now())
    if plan is None:
        st.info("No active plan: build one in the plan builder.")
    else:
        week = plan_calendar(plan, unit, marked=marked or [])
        if week is not None:
            athlete_today = local_date(runtime.now(), me.timezone)
            session_thread.week_thread(actor, week.sessions, athlete_today, key="athlete_thread")
    st.subheader("Sick, travelling or injured days")
    day_story.marked_days_list(actor, athlete_id)
    local_today = local_date(runtime.now(), me.timezone)
    day_story.mark_days_form(actor, athlete_id, local_today, "mark_days_athlete")
with adherence_tab:
    kept = runtime.call(adherence.get_adherence, actor, athlete_id, now=runtime.now())
    if kept is not None:
        day_story.adherence_weeks(kept)
with race_tab:
    projected = runtime.call(analytics.get_on_track, actor, athlete_id, now=runtime.now())
    day_story.on_track_panel(projected, unit)
with notes_tab:
    with st.form("note", clear_on_submit=True):
        body = st.text_area("New note", max_chars=4000)
        shared = st.checkbox("Share with the athlete")
        if st.form_submit_button("Add note"):
            note_in = runtime.valid(NoteCreate, body=body, shared_with_athlete=shared)
            added = note_in and runtime.call(
                cases.add_note, actor, athlete_id, note_in, now=runtime.now()
            )
            if added:
                st.success("Note added.")
    notes = runtime.call(cases.list_notes, actor, athlete_id)
    for note in notes.items if notes else []:
        with_athlete = " (shared)" if note.shared_with_athlete else ""
        st.write(f"**{wording.moment(note.created_at, me.timezone)}**{with_athlete}")
        st.markdown(runtime.plain(note.body))
with tasks_tab:
    with st.form("task", clear_on_submit=True):
        task_title = st.text_input("New task (for you)", max_chars=200)
        due = st.date_input("Due", value=None)
        if st.form_submit_button("Add task"):
            task_in = runtime.valid(TaskCreate, title=task_title, due_date=due)
            if task_in and runtime.call(
                cases.add_task, actor, athlete_id, task_in, now=runtime.now()
            ):
                st.success("Task added.")
    tasks = runtime.call(cases.list_my_tasks, actor)
    mine = [t for t in (tasks.items if tasks else []) if t.athlete_id == athlete_id]
    for task in mine:
        left, right = st.columns([4, 1])
        left.write(runtime.plain(task.title) + (f" (due {task.due_date})" if task.due_date else ""))
        if right.button("Done", key=f"task-{task.id}"):
            finished = runtime.call(cases.complete_task, actor, task.id, now=runtime.now())
            if finished is not None:
                st.rerun()
    if not mine:
        st.caption("No open tasks for this athlete.")
with health_tab:
    with st.form("health", clear_on_submit=True):
        kind = st.selectbox("Kind", ["injury", "illness"])
        where = st.text_input("Where (injuries)", max_chars=100)
        since = st.date_input("Since", value=runtime.now().date())
        what = st.text_area("What happened", max_chars=2000)
        if st.form_submit_button("Open a case"):
            case_in = runtime.valid(
                HealthCaseCreate,
                kind=kind,
                location=where or None,
                description=what or None,
                started_on=since,
            )
            if case_in and runtime.call(
                cases.open_health_case, actor, athlete_id, case_in, now=runtime.now()
            ):
                st.success("Case opened; the return-to-run steps start from here.")
    health_cases = runtime.call(cases.list_health_cases, actor, athlete_id)
    for case in health_cases.items if health_cases else []:
        where = runtime.plain(case.location)
        st.write(f"**{case.kind}** {where} since {case.started_on} · {case.status}")
        if case.status != "closed" and st.button("Next stage", key=f"case-{case.id}"):
            if runtime.call(cases.advance_health_case, actor, case.id, now=runtime.now()):
                st.rerun()
with timeline_tab:
    day_story.timeline_panel(actor, athlete_id, me.timezone)
