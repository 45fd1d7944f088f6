"""Coach · Analytics: readiness, risk, adherence and load across the athletes, week by week,
with the counts behind every chart (one training group's athletes; admins also one coach's)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from runseason.schemas.distributions import DistributionsRead
from runseason.services import groups
from runseason.services.identity import users
from runseason.services.views import distributions
from runseason.ui import runtime, wording

RAG = {
    "Green": "#2e7d32",
    "Stable": "#2e7d32",
    "Amber": "#f9a825",
    "Watch": "#f9a825",
    "Red": "#c62828",
    "At risk": "#c62828",
}

actor = runtime.actor()
st.title("Analytics")
cols = st.columns(3)
weeks = cols[0].selectbox(
    "Weeks", [4, 12, 26, 52], index=1, format_func=lambda w: f"The last {w} weeks"
)
coach_id: int | None = None
if actor.role == "admin":
    coaches = runtime.call(users.list_users, actor, page=1, page_size=200, role="coach")
    names = {c.id: c.full_name for c in coaches.items} if coaches else {}
    coach_id = cols[1].selectbox(
        "Coach",
        [None, *names],
        format_func=lambda i: "The whole organization" if i is None else names[i],
    )
found = runtime.call(groups.list_groups, actor, page=1, page_size=200)
squads = {g.id: g for g in found.items} if found else {}
group_id = cols[2 if actor.role == "admin" else 1].selectbox(
    "Group",
    [None, *squads],
    format_func=lambda g: "All athletes" if g is None else squads[g].name,
    help="Make training groups on the Training groups page.",
)
if group_id is not None:
    squad = squads[group_id]
    st.caption(
        f"Counting the athletes of {runtime.plain(squad.name)} that you see "
        f"({squad.members} today){' and that this coach holds' if coach_id else ''}."
    )
read = runtime.call(
    distributions.get_distributions,
    actor,
    now=runtime.now(),
    weeks=int(weeks),
    coach_id=coach_id,
    group_id=group_id,
)
if read is None:
    st.stop()


def _stacked(title: str, rows: list[tuple[object, str, int]], order: list[str]) -> None:
    st.markdown(f"**{title}**")
    if not rows:
        st.caption("No days recorded in these weeks.")
        return
    frame = pd.DataFrame(rows, columns=["Week", "Category", "Athlete-days"])
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("Week:T", title=None),
            y=alt.Y("Athlete-days:Q", stack="normalize", title="Share of athlete-days"),
            color=alt.Color(
                "Category:N",
                scale=alt.Scale(domain=order, range=[RAG[c] for c in order]),
                sort=order,
                title=None,
            ),
            tooltip=["Week:T", "Category:N", "Athlete-days:Q"],
        )
        .properties(height=220)
    )
    st.altair_chart(chart, width="stretch")
    with st.expander(f"The counts behind {title.lower()}"):
        table = frame.pivot_table(
            index="Week", columns="Category", values="Athlete-days", fill_value=0
        )
        table.index = [wording.day(w) for w in table.index]
        st.dataframe(table[[c for c in order if c in table.columns]], width="stretch")


def _charts(data: DistributionsRead) -> None:
    left, right = st.columns(2)
    with left:
        _stacked(
            "Readiness",
            [(r.week_start, r.category, r.athlete_days) for r in data.readiness],
            ["Green", "Amber", "Red"],
        )
    with right:
        _stacked(
            "Risk",
            [(r.week_start, r.category, r.athlete_days) for r in data.risk],
            ["Stable", "Watch", "At risk"],
        )
    left, right = st.columns(2)
    with left:
        _adherence(data)
    with right:
        _load(data)


def _adherence(data: DistributionsRead) -> None:
    st.markdown("**Planned sessions done**")
    if data.adherence:
        frame = pd.DataFrame(
            [
                (w.week_start, label, n)
                for w in data.adherence
                for label, n in (
                    ("Done", w.completed),
                    ("Partly", w.partial),
                    ("Missed", w.missed),
                )
            ],
            columns=["Week", "Outcome", "Sessions"],
        )
        colours = alt.Scale(
            domain=["Done", "Partly", "Missed"], range=[RAG["Green"], RAG["Amber"], RAG["Red"]]
        )
        st.altair_chart(
            alt.Chart(frame)
            .mark_bar()
            .encode(
                x=alt.X("Week:T", title=None),
                y=alt.Y("Sessions:Q"),
                color=alt.Color("Outcome:N", scale=colours, sort=["Done", "Partly", "Missed"]),
                tooltip=["Week:T", "Outcome:N", "Sessions:Q"],
            )
            .properties(height=220),
            width="stretch",
        )
        with st.expander("The counts behind planned sessions done"):
            st.dataframe(
                pd.DataFrame(
                    {
                        "Week": [wording.day(w.week_start) for w in data.adherence],
                        "Planned": [w.planned for w in data.adherence],
                        "Done": [w.completed for w in data.adherence],
                        "Partly": [w.partial for w in data.adherence],
                        "Missed": [w.missed for w in data.adherence],
                        "Adherence": [
                            "–" if w.adherence is None else f"{w.adherence:.0%}"
                            for w in data.adherence
                        ],
                    }
                ),
                hide_index=True,
                width="stretch",
            )
    else:
        st.caption("No planned sessions in these weeks.")


def _load(data: DistributionsRead) -> None:
    st.markdown("**Load per athlete**")
    if data.load:
        frame = pd.DataFrame(
            {
                "Week": [w.week_start for w in data.load],
                "Median load": [w.median_load for w in data.load],
                "Athletes": [w.athletes for w in data.load],
                "Planned per athlete": [
                    round(w.planned_load / w.athletes, 1) if w.athletes else 0.0 for w in data.load
                ],
            }
        )
        bars = (
            alt.Chart(frame)
            .mark_bar(color="#1f77b4")
            .encode(
                x=alt.X("Week:T", title=None),
                y=alt.Y("Median load:Q"),
                tooltip=["Week:T", "Median load:Q", "Planned per athlete:Q", "Athletes:Q"],
            )
        )
        planned = (
            alt.Chart(frame)
            .mark_tick(color="#d9480f", thickness=3)
            .encode(x="Week:T", y="Planned per athlete:Q")
        )
        st.altair_chart((bars + planned).properties(height=220), width="stretch")
        st.caption("Bars: the median athlete's load; ticks: the planned load per athlete.")
        with st.expander("The counts behind load per athlete"):
            shown = frame.assign(Week=[wording.day(w) for w in frame["Week"]])
            st.dataframe(shown, hide_index=True, width="stretch")
    else:
        st.caption("No load recorded in these weeks.")


_charts(read)
