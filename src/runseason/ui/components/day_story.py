"""Marked days, adherence week by week, the race-day projection and the timeline, as pages
draw them."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from runseason.domain import units
from runseason.schemas.timeline import KIND_LABELS
from runseason.schemas.training import AdherenceRead, DayExceptionCreate, OnTrackRead
from runseason.services import day_exceptions
from runseason.services.identity.access import Actor
from runseason.services.views import timeline
from runseason.ui import runtime, wording

DAY_KINDS = {"sick": "Sick", "travelling": "Travelling", "injured": "Injured"}
BAND_MARKS = {"green": "🟢", "yellow": "🟡", "red": "🔴"}
VERDICTS = {
    "on track": (st.success, "On track: even the slower end of the range meets the goal."),
    "within reach": (st.warning, "Within reach: the goal lies inside the predicted range."),
    "behind": (st.error, "Behind: the goal is faster than the whole predicted range."),
    "no goal time": (st.info, "No goal time set for this race."),
}


def mark_days_form(actor: Actor, athlete_id: int, today: date, key: str) -> None:
    """A form to mark days sick, travelling or injured; they leave the adherence count."""
    with st.form(key, clear_on_submit=True):
        left, middle, right = st.columns(3)
        kind = left.selectbox("Why", list(DAY_KINDS), format_func=DAY_KINDS.__getitem__)
        first = middle.date_input("From", value=today)
        last = right.date_input("To", value=today)
        note = st.text_input("Note (optional)", max_chars=500)
        if st.form_submit_button("Mark the days"):
            data = runtime.valid(
                DayExceptionCreate, kind=kind, start_date=first, end_date=last, note=note or None
            )
            done = data and runtime.call(
                day_exceptions.mark_days, actor, athlete_id, data, now=runtime.now()
            )
            if done:
                st.success(
                    f"{DAY_KINDS[done.kind]} from {wording.day_short(done.start_date)} to "
                    f"{wording.day_short(done.end_date)}: these days leave the adherence count."
                )


def marked_days_list(actor: Actor, athlete_id: int) -> None:
    """The marked days, each with a button to remove it."""
    marked = runtime.call(day_exceptions.list_marked_days, actor, athlete_id, now=runtime.now())
    if not marked:
        st.caption("No days marked.")
        return
    for m in marked:
        left, right = st.columns([4, 1])
        span = wording.day(m.start_date) + (
            f" to {wording.day(m.end_date)}" if m.end_date != m.start_date else ""
        )
        left.write(
            f"**{DAY_KINDS.get(m.kind, m.kind)}**: {span}" + (f" · {m.note}" if m.note else "")
        )
        if right.button("Remove", key=f"unmark-{m.id}"):
            if runtime.call(day_exceptions.remove_days, actor, m.id, now=runtime.now()):
                st.rerun()


def _percent(ratio: float | None) -> str:
    return "-" if ratio is None else f"{ratio:.0%}"


def _outcome(status: str, ratio: float | None, excused_by: str | None) -> str:
    if status == "excused":
        return f"excused: {DAY_KINDS.get(excused_by or '', 'marked day').lower()}"
    if status == "missed":
        return "missed"
    return f"{_percent(ratio)} of plan"


def adherence_weeks(read: AdherenceRead) -> None:
    """Each week's percentage and each session's colour, ratios and intensity."""
    for week in read.weeks:
        share = "no sessions counted" if week.percent is None else f"{week.percent:.0f} %"
        excused = f", {week.excused} excused" if week.excused else ""
        st.markdown(f"**Week of {wording.day_short(week.week_start)}**: {share}{excused}")
        if not week.sessions:
            continue
        rows = [
            {
                "day": wording.day_short(s.day),
                "session": s.title,
                "colour": BAND_MARKS.get(s.band or "", "⚪"),
                "done": _outcome(s.status, s.ratio, s.excused_by),
                "duration": _percent(s.duration_ratio),
                "distance": _percent(s.distance_ratio),
                "load": _percent(s.load_ratio),
                "intensity": f"{s.intensity} ({s.intensity_basis})" if s.intensity else "-",
            }
            for s in week.sessions
        ]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(
        "🟢 within 20 % of the plan · 🟡 50–79 % or 121–150 % · 🔴 otherwise or missed · "
        "⚪ excused (sick, travelling or injured: left out of the percentage)"
    )


def on_track_panel(read: OnTrackRead | None, unit: units.Unit) -> None:
    """The plan projected to race day: fitness, form and the predicted time against the goal."""
    if read is None:
        st.info(
            "The race-day projection needs an active plan whose race is ahead and a current "
            "VDOT (from a race or time trial)."
        )
        return
    st.write(
        f"**{runtime.plain(read.race_name)}** on {wording.day(read.race_day)}, "
        f"{units.format_distance(read.distance_m, unit)}"
    )
    cols = st.columns(4)
    cols[0].metric(
        "Predicted", f"{runtime.duration(read.fast_s)} to {runtime.duration(read.slow_s)}"
    )
    cols[1].metric("Goal", runtime.duration(read.goal_time_s))
    gain = read.ctl_race_day - read.ctl_today
    cols[2].metric(
        "Fitness on race day", f"{read.ctl_race_day:.0f}", delta=f"{gain:+.0f} from today"
    )
    cols[3].metric("Form on race day", f"{read.form_race_day:+.0f}")
    show, words = VERDICTS.get(read.verdict, (st.info, read.verdict))
    show(words)
    st.caption(
        f"VDOT {read.vdot_now:.1f} today, {read.vdot_low:.1f} to {read.vdot_high:.1f} expected on "
        f"race day if the plan is followed. {read.caution}"
    )


def timeline_panel(actor: Actor, athlete_id: int, zone: str) -> None:
    """The athlete's story, newest first: filter by kind, page through it."""
    left, right = st.columns([3, 1])
    shown = left.multiselect(
        "Show", list(KIND_LABELS), format_func=KIND_LABELS.__getitem__, key="timeline_kinds"
    )
    page = right.number_input("Page", 1, 10_000, 1, key="timeline_page")
    story = runtime.call(
        timeline.get_timeline, actor, athlete_id, kinds=shown, page=int(page), page_size=30
    )
    if story is None:
        return
    for entry in story.items:
        head, said, rest = entry.title.partition(": ")
        when = wording.moment(entry.occurred_at, zone)
        # Before ": " stands the entry's kind (the platform's words); what follows may be typed.
        label = head if said else runtime.plain(head)
        st.markdown(f"`{when}` **{label}**{said}{runtime.plain(rest)}")
    pages = max(1, -(-story.total // story.page_size))
    st.caption(f"{story.total} events · page {story.page} of {pages}")
