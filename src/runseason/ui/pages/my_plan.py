"""Athlete · My plan: the calendar week by week, with what was done; the plan in the athlete's
calendar app and the coming sessions as workouts for the watch or the treadmill."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import streamlit as st

from runseason.domain.dates import local_date
from runseason.schemas.plans import PlanRead
from runseason.services import calendar_feed, day_exceptions, workouts
from runseason.services.plans import generation
from runseason.ui import runtime, wording
from runseason.ui.components import coach_notes, session_thread
from runseason.ui.views import plan_calendar

AHEAD_DAYS = 14


def _origin() -> str:
    """This site's address as the browser reached it (the API shares the origin)."""
    parts = urlsplit(str(st.context.url or ""))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def calendar_section(athlete_id: int) -> None:
    """Subscribe to the plan in a calendar app: make, replace or turn off the secret link."""
    st.subheader("Your plan in your calendar")
    feed = runtime.call(calendar_feed.get_calendar_feed, actor, athlete_id)
    if feed is None:
        return
    if feed.active and feed.created_at:
        st.caption(
            f"Your calendar link is on (made {wording.day(feed.created_at)}). It was shown once; "
            "make a new one if you lost it (the old one then stops working)."
        )
    else:
        st.caption("Subscribe in Google Calendar, Apple Calendar or Outlook with a private link.")
    label = "Make a new calendar link" if feed.active else "Make a calendar link"
    if st.button(label, key="make_feed"):
        made = runtime.call(
            calendar_feed.create_calendar_feed, actor, athlete_id, now=runtime.now()
        )
        if made is not None:
            st.success("Copy this link into your calendar app's subscribe option. Keep it private.")
            st.code(_origin() + made.path, language=None)
    if feed.active and st.button("Turn the calendar link off", key="revoke_feed"):
        runtime.call(calendar_feed.revoke_calendar_feed, actor, athlete_id)
        st.success("Your calendar link no longer works.")


def workouts_section(current: PlanRead) -> None:
    """The coming sessions as files for a Garmin watch (FIT) or a treadmill app (ZWO)."""
    st.subheader("Workouts for your watch")
    today = local_date(runtime.now(), me.timezone or "UTC")
    coming = [
        s
        for s in current.sessions
        if today <= s.scheduled_date <= today + timedelta(days=AHEAD_DAYS)
        and s.category not in workouts.UNSTRUCTURED
        and s.status == "planned"
    ]
    if not coming:
        st.caption("No run planned in the next two weeks.")
        return
    labels = {s.id: f"{wording.day_short(s.scheduled_date)} · {s.title}" for s in coming}
    chosen = st.selectbox("Session", list(labels), format_func=labels.__getitem__)
    for fmt, text in (
        ("fit", "Download for a Garmin watch"),
        ("zwo", "Download for a treadmill app"),
    ):
        file = runtime.call(workouts.export_workout, actor, chosen, fmt, now=runtime.now())
        if file is not None:
            st.download_button(
                text, file.content, file_name=file.filename, mime=file.media_type, key=fmt
            )


actor = runtime.actor()
me = runtime.user()
st.title("My plan")
coach_notes.shared_notes(actor, actor.athlete_id or 0)
plan = runtime.call(generation.find_active_plan, actor, actor.athlete_id or 0)
if plan is None:
    st.info("Your coach has not published a plan yet.")
else:
    marked = runtime.call(
        day_exceptions.list_marked_days, actor, actor.athlete_id or 0, now=runtime.now()
    )
    week = plan_calendar(plan, runtime.unit_of(me), marked=marked or [])
    if week is not None:
        today = local_date(runtime.now(), me.timezone or "UTC")
        session_thread.week_thread(
            actor, week.sessions, today, key="my_plan_thread", prompt="Message to your coach"
        )
    workouts_section(plan)
calendar_section(actor.athlete_id or 0)
