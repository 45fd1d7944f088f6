"""Athlete and coach · Activity: one session in depth: its traces, route, laps, splits, zones,
best efforts and the planned session beside what was done."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from runseason.config import get_settings
from runseason.domain import units
from runseason.domain.load import sport_label
from runseason.schemas.activities import ActivityRead, ProfileSuggestionAnswer
from runseason.services import activities, profile_suggestions, training
from runseason.services.views import caseload
from runseason.ui import runtime, wording
from runseason.ui.components import activity_charts as charts

actor = runtime.actor()
me = runtime.user()
st.title("Activity")


def _number(name: str) -> int | None:
    raw = st.query_params.get(name)
    return int(raw) if raw is not None and raw.isdigit() else None


def _athlete() -> int:
    """The athlete themself, or for a coach the athlete of the URL or one picked here."""
    if actor.athlete_id is not None:
        return actor.athlete_id
    roster = runtime.call(caseload.get_caseload, actor, page=1, page_size=200, sort="name")
    names = {r.athlete_id: r.name for r in roster.items} if roster else {}
    wanted = _number("athlete") or st.session_state.get("athlete_id")
    if wanted not in names and wanted is not None:
        row = runtime.call(caseload.get_caseload_row, actor, wanted)
        if row is not None:
            names = {row.athlete_id: row.name, **names}
    if not names:
        st.info("No athletes are assigned to you yet.")
        st.stop()
    ids = list(names)
    picked = st.selectbox(
        "Athlete",
        ids,
        index=ids.index(wanted) if wanted in ids else 0,
        format_func=lambda i: names[i],
    )
    chosen = int(picked if picked is not None else ids[0])
    st.session_state["athlete_id"] = chosen
    st.query_params["athlete"] = str(chosen)
    return chosen


athlete_id = _athlete()
logs = runtime.call(training.list_logs, actor, athlete_id, page=1, page_size=100)
if not logs or not logs.items:
    st.info("No sessions yet. Import a device file under Log a session to see it here.")
    st.stop()
my_unit = runtime.unit_of(me)
labels = {
    x.id: f"{wording.day(x.local_date)} · {sport_label(x.sport)} · "
    f"{runtime.distance(x.distance_m, my_unit)} · {runtime.duration(x.duration_s)}"
    for x in logs.items
}
ids = list(labels)
wanted = _number("activity") or st.session_state.get("activity_id")
picked = st.selectbox(
    "Session",
    ids,
    index=ids.index(wanted) if wanted in ids else 0,
    format_func=lambda i: labels[i],
)
log_id = int(picked if picked is not None else ids[0])
st.query_params["activity"] = str(log_id)
found = runtime.call(activities.get_activity, actor, athlete_id, log_id)
if found is None:
    st.stop()
read: ActivityRead = found
unit: units.Unit = "mi" if read.unit == "mi" else "km"


def _pace(value: float | None) -> str:
    return "-" if not value else units.format_pace(value, unit)


def _bpm(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} bpm"


def _metres(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} m"


log = read.log
cols = st.columns(4)
cols[0].metric("Distance", runtime.distance(log.distance_m, unit))
cols[1].metric("Moving time", runtime.duration(read.moving_time_s or log.duration_s))
cols[2].metric("Average pace", _pace(log.avg_pace_s_per_km))
cols[3].metric("Grade-adjusted pace", _pace(read.graded_pace_s_per_km))
cols = st.columns(4)
cols[0].metric("Elapsed time", runtime.duration(log.duration_s))
cols[1].metric("Climb", _metres(read.elevation_gain_m))
cols[2].metric("Average heart rate", _bpm(log.avg_hr))
cols[3].metric("Load", f"{log.load:.0f}")
st.caption(f"How the load was scored: {read.load_basis}.")

st.subheader("Planned and done")
if read.planned is None:
    st.caption("No planned session was matched to this day.")
else:
    plan = read.planned
    st.table(
        pd.DataFrame(
            {
                "": ["Session", "Duration", "Distance", "Load"],
                "Planned": [
                    plan.title,
                    runtime.duration(plan.planned_duration_s),
                    runtime.distance(plan.planned_distance_m, unit),
                    f"{plan.planned_load:.0f}",
                ],
                "Done": [
                    log.title or sport_label(log.sport),
                    runtime.duration(log.duration_s),
                    runtime.distance(log.distance_m, unit),
                    f"{log.load:.0f}",
                ],
            }
        ).set_index("")
    )

if not read.has_streams:
    st.info("This session was logged by hand: there are no recorded samples to chart.")
    st.stop()

streams = runtime.call(activities.get_activity_streams, actor, athlete_id, log_id, points=1500)
if streams is None:
    st.stop()
st.subheader("Pace, heart rate and elevation")
axis = st.radio("Along", ["Time", "Distance"], horizontal=True)
st.caption("Drag or scroll on a chart to zoom: the three move together.")
st.altair_chart(
    charts.trace_chart(streams, unit, "distance" if axis == "Distance" else "time"),
    width="stretch",
)

if read.has_route:
    st.subheader("Route")
    tiles = get_settings().map_tile_url
    if tiles:
        st.pydeck_chart(charts.route_deck(streams, tiles))
    else:
        st.altair_chart(charts.route_chart(streams), width="stretch")

left, right = st.columns(2)
with left:
    st.subheader(f"Splits per {'mile' if unit == 'mi' else 'kilometre'}")
    st.dataframe(
        pd.DataFrame(
            {
                unit: [f"{s.number}" for s in read.splits],
                "Distance": [runtime.distance(s.distance_m, unit) for s in read.splits],
                "Time": [runtime.duration(s.duration_s) for s in read.splits],
                "Pace": [_pace(s.pace_s_per_km) for s in read.splits],
                "Grade-adjusted": [_pace(s.gap_s_per_km) for s in read.splits],
                "Heart rate": [_bpm(s.avg_hr) for s in read.splits],
                "Climb": [_metres(s.elevation_change_m) for s in read.splits],
            }
        ),
        hide_index=True,
        width="stretch",
    )
with right:
    st.subheader("Laps")
    if read.laps:
        st.dataframe(
            pd.DataFrame(
                {
                    "Lap": [f"{lap.number}" for lap in read.laps],
                    "Distance": [runtime.distance(lap.distance_m, unit) for lap in read.laps],
                    "Time": [runtime.duration(lap.duration_s) for lap in read.laps],
                    "Pace": [_pace(lap.pace_s_per_km) for lap in read.laps],
                    "Heart rate": [_bpm(lap.avg_hr) for lap in read.laps],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption("The device recorded no laps.")

left, right = st.columns(2)
with left:
    if read.heart_rate_zones:
        st.altair_chart(
            charts.zone_chart(read.heart_rate_zones, "Time in heart-rate zones"), width="stretch"
        )
    else:
        st.caption("Heart-rate zones need a heart-rate trace and the athlete's heart-rate zones.")
with right:
    if read.pace_zones:
        st.altair_chart(
            charts.zone_chart(read.pace_zones, "Time in pace zones (grade-adjusted)"),
            width="stretch",
        )
    else:
        st.caption("Pace zones need a VDOT for the athlete.")

if read.best_efforts:
    st.subheader("Best efforts")
    st.dataframe(
        pd.DataFrame(
            {
                "Distance": [e.label for e in read.best_efforts],
                "Time": [runtime.duration(e.duration_s) for e in read.best_efforts],
                "Pace": [_pace(e.duration_s / (e.distance_m / 1000)) for e in read.best_efforts],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def _shown(kind: str, value: float | None) -> str:
    if value is None:
        return "not set"
    return f"{value:.1f}" if kind == "vdot" else f"{value:.0f} bpm"


def _answer(kind: str, activity_id: int, accept: bool) -> None:
    data = runtime.valid(ProfileSuggestionAnswer, kind=kind, activity_id=activity_id, accept=accept)
    answered = data and runtime.call(
        profile_suggestions.answer_profile_suggestion, actor, athlete_id, data
    )
    if answered is not None:
        runtime.flash("Profile updated." if accept else "Suggestion ignored.")


suggested = runtime.call(profile_suggestions.list_profile_suggestions, actor, athlete_id)
if suggested:
    st.subheader("What the recorded sessions suggest")
    for item in suggested:
        line = st.container(border=True)
        line.markdown(
            f"**{runtime.plain(item.title)}**: {_shown(item.kind, item.suggested)} "
            f"(now {_shown(item.kind, item.current)}), from the {runtime.plain(item.evidence)}."
        )
        if actor.is_staff:
            accept, ignore = line.columns(2)
            key = f"{item.kind}-{item.activity_id}"
            accept.button(
                "Accept",
                key=f"accept-{key}",
                on_click=_answer,
                args=(item.kind, item.activity_id, True),
            )
            ignore.button(
                "Ignore",
                key=f"ignore-{key}",
                on_click=_answer,
                args=(item.kind, item.activity_id, False),
            )
    if not actor.is_staff:
        st.caption("Your coach decides whether to take these into your zones.")
