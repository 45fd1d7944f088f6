"""Coach · Command Center: who needs you today and why, highest priority first."""

from __future__ import annotations

from typing import Any

import streamlit as st

from runseason.schemas.coaching import (
    InterventionResolve,
    InterventionSnooze,
    RecommendationDecision,
)
from runseason.services import interventions, recommendations
from runseason.services.views import command_center
from runseason.ui import runtime


def _summary(planned: dict[str, Any] | None) -> str:
    if planned is None:
        return "removed"
    return f"{planned.get('title')} {runtime.duration(planned.get('planned_duration_s'))}"


actor = runtime.actor()
st.title("Command Center")
bucket = st.segmented_control(
    "Show",
    ["all", "at_risk", "watch", "stable"],
    default="all",
    format_func=lambda b: "all" if b == "all" else runtime.BUCKET_LABELS[b],
)
page = int(st.session_state.get("cc_page", 1))
queue = runtime.call(
    command_center.get_command_center,
    actor,
    now=runtime.now(),
    page=page,
    page_size=20,
    bucket=None if bucket in (None, "all") else bucket,
)
if queue is None:
    st.stop()
cols = st.columns(6)
cols[0].metric("Open", queue.total)
for i, name in enumerate(("at_risk", "watch", "stable")):
    cols[1 + i].metric(runtime.BUCKET_LABELS[name], queue.buckets.get(name, 0), help="athletes")
cols[4].metric("SLA overdue", queue.sla.get("overdue", 0))
cols[5].metric("Due today", queue.sla.get("due", 0))

if not queue.items:
    st.success("Nobody needs you right now.")
for item in queue.items:
    iv = item.intervention
    label = (
        f"{runtime.BUCKET_LABELS.get(item.risk_bucket, item.risk_bucket)} · **{item.athlete_name}**"
        f" · {iv.title} · risk {iv.risk:.0%} · open {item.age_hours:.0f} h"
    )
    with st.expander(label, expanded=item is queue.items[0]):
        for f in item.top_factors:
            st.write(
                f"- **{f.get('name')}**: {f.get('threshold', '')} (share {f.get('share', 0):.0%})"
            )
        rec = item.recommendation
        if rec is not None:
            st.info(
                f"Recommended: **{rec.title}**: {rec.rationale} (confidence {rec.confidence:.0%})"
            )
            if rec.status == "open":
                changes = runtime.call(recommendations.preview_recommendation, actor, rec.id) or []
                if changes:
                    st.caption("Proposed plan change:")
                    st.dataframe(
                        [
                            {
                                "session": c.session_id,
                                "before": _summary(c.before),
                                "after": _summary(c.after),
                            }
                            for c in changes
                        ],
                        hide_index=True,
                    )
                a, b = st.columns(2)
                if a.button("Apply", key=f"apply-{iv.id}", type="primary"):
                    done = runtime.call(
                        recommendations.decide_recommendation,
                        actor,
                        rec.id,
                        RecommendationDecision(decision="accept"),
                        now=runtime.now(),
                    )
                    if done:
                        st.rerun()
                if b.button("Dismiss", key=f"dismiss-{iv.id}"):
                    if runtime.call(
                        recommendations.decide_recommendation,
                        actor,
                        rec.id,
                        RecommendationDecision(decision="reject"),
                        now=runtime.now(),
                    ):
                        st.rerun()
        c1, c2, c3 = st.columns([1, 1, 2])
        if iv.acknowledged_at is None and c1.button("Acknowledge", key=f"ack-{iv.id}"):
            if runtime.call(
                interventions.acknowledge_intervention, actor, iv.id, now=runtime.now()
            ):
                st.rerun()
        if c2.button("Snooze 24 h", key=f"snooze-{iv.id}"):
            if runtime.call(
                interventions.snooze_intervention,
                actor,
                iv.id,
                InterventionSnooze(hours=24),
                now=runtime.now(),
            ):
                st.rerun()
        with c3.popover("Resolve"):
            outcome = st.text_input(
                "Outcome", key=f"outcome-{iv.id}", placeholder="Called; eased the week."
            )
            if st.button("Resolve", key=f"resolve-{iv.id}"):
                how = runtime.valid(InterventionResolve, outcome=outcome)
                resolved = how and runtime.call(
                    interventions.resolve_intervention, actor, iv.id, how, now=runtime.now()
                )
                if resolved:
                    st.rerun()
        if st.button("Open the athlete's case", key=f"case-{iv.id}"):
            st.session_state["athlete_id"] = iv.athlete_id
            st.switch_page(str(runtime.PAGES / "athlete.py"))

pages = max(1, -(-queue.total // queue.page_size))
if pages > 1:
    st.number_input(f"Page (of {pages})", 1, pages, key="cc_page")
