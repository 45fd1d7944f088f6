"""Coach · Command Center: who needs you today and why, athlete by athlete, highest risk first."""

from __future__ import annotations

import streamlit as st

from runseason.schemas.coaching import (
    InterventionResolve,
    InterventionSnooze,
    QueueItem,
    RiskDay,
)
from runseason.services import interventions
from runseason.services.identity.access import Actor
from runseason.services.views import command_center
from runseason.ui import runtime
from runseason.ui.components import queue as rows

PAGE_SIZE = 20  # a screenful of athletes; the pager below covers a longer queue


def item_actions(actor: Actor, item: QueueItem) -> None:
    """Acknowledge, snooze or resolve one item."""
    iv = item.intervention
    c1, c2, c3 = st.columns([1, 1, 2])
    if iv.acknowledged_at is None and c1.button("Acknowledge", key=f"ack-{iv.id}"):
        if runtime.call(interventions.acknowledge_intervention, actor, iv.id, now=runtime.now()):
            st.rerun()
    if c2.button("Snooze 24 h", key=f"snooze-{iv.id}"):
        snooze = InterventionSnooze(hours=24)
        if runtime.call(interventions.snooze_intervention, actor, iv.id, snooze, now=runtime.now()):
            st.rerun()
    with c3.popover("Resolve"):
        outcome = st.text_input(
            "Outcome", key=f"outcome-{iv.id}", placeholder="Called; eased the week."
        )
        if st.button("Resolve", key=f"resolve-{iv.id}"):
            how = runtime.valid(InterventionResolve, outcome=outcome)
            if how and runtime.call(
                interventions.resolve_intervention, actor, iv.id, how, now=runtime.now()
            ):
                st.rerun()


def one_item(actor: Actor, item: QueueItem) -> None:
    """One open item of the athlete: what it is, since when, the actions."""
    iv = item.intervention
    with st.container(border=True):
        sla = rows.SLA_WORDS.get(iv.sla, iv.sla)
        st.markdown(f"**{runtime.plain(iv.title)}** · {sla}")
        st.caption(f"History: {item.opened}." + (" Cause cleared." if item.cause_cleared else ""))
        item_actions(actor, item)


def one_athlete(
    actor: Actor, group: rows.AthleteGroup, zone: str, first: bool, past: list[RiskDay]
) -> None:
    """One athlete: the current risk once, why, its history, then each open item."""
    with st.expander(group.label, expanded=first):
        if group.why:
            st.markdown("Why now: " + "; ".join(group.why) + ".")
        st.caption(rows.history_line(past))
        rows.recommendation_panel(actor, group, zone)
        for item in group.items:
            one_item(actor, item)
        if st.button("Open the athlete's case", key=f"case-{group.athlete_id}"):
            st.session_state["athlete_id"] = group.athlete_id
            page = str(runtime.PAGES / "athlete.py")
            st.switch_page(page, query_params={"athlete": str(group.athlete_id)})


actor = runtime.actor()
zone = runtime.user().timezone
st.title("Command Center")
bucket = st.segmented_control(
    "Show",
    ["all", "at_risk", "watch", "stable"],
    default="all",
    format_func=lambda b: "all" if b == "all" else runtime.BUCKET_LABELS[b],
)
page = int(st.session_state.get("cc_page", 1))
found = runtime.call(
    command_center.get_command_center,
    actor,
    now=runtime.now(),
    page=page,
    page_size=PAGE_SIZE,
    bucket=None if bucket in (None, "all") else bucket,
)
if found is None:
    st.stop()
groups = rows.group_by_athlete(found.items)
counts = rows.header_counts(groups)
cols = st.columns(6)
cols[0].metric("Athletes", counts["athletes"], help="athletes with an open item")
for i, name in enumerate(("at_risk", "watch", "stable")):
    cols[1 + i].metric(runtime.BUCKET_LABELS[name], counts[name], help="athletes, risk today")
cols[4].metric("Overdue", counts["overdue"], help=f"of {counts['items']} open items")
cols[5].metric("Due today", counts["due"], help=f"of {counts['items']} open items")

if not groups:
    st.success("Nobody needs you right now.")
history = (
    runtime.call(
        command_center.get_risk_history,
        actor,
        [g.athlete_id for g in groups],
        now=runtime.now(),
    )
    or {}
)
for group in groups:
    one_athlete(actor, group, zone, group is groups[0], history.get(group.athlete_id, []))

pages = max(1, -(-found.total // found.page_size))
if pages > 1:
    st.caption(f"{found.total} open items in all.")
    st.number_input(f"Page (of {pages})", 1, pages, key="cc_page")
