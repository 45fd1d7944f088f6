"""The Command Center's rows: one group per athlete with their one current risk, then their items.

The service ranks the queue athlete by athlete (current bucket, then current risk) and keeps one
athlete's items together; here they become one group each, and the header counts are counted from
the very rows shown, so the numbers on the page always agree with each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from runseason.domain.risk import percent
from runseason.schemas.coaching import (
    QueueItem,
    RecommendationDecision,
    RecommendationRead,
    RiskDay,
)
from runseason.services import recommendations
from runseason.services.identity.access import Actor
from runseason.ui import runtime, wording

SLA_WORDS = {"fresh": "new", "due": "due today", "overdue": "overdue"}
DECIDED_WORDS = {"applied": "Applied", "dismissed": "Dismissed"}


@dataclass
class AthleteGroup:
    """One athlete in the queue: their current risk once, and every open item of theirs."""

    athlete_id: int
    name: str
    bucket: str
    risk: float
    why: list[str]
    items: list[QueueItem] = field(default_factory=list)

    @property
    def recommendation(self) -> QueueItem | None:
        """The item carrying the athlete's latest recommendation (several items share one)."""
        carrying = [i for i in self.items if i.recommendation is not None]
        return max(
            carrying, key=lambda i: i.recommendation.id if i.recommendation else 0, default=None
        )

    @property
    def label(self) -> str:
        """The expander's line: bucket, name, the one current risk, how many items."""
        bucket = runtime.BUCKET_LABELS.get(self.bucket, self.bucket)
        count = len(self.items)
        things = "1 item" if count == 1 else f"{count} items"
        return (
            f"{bucket} · **{runtime.plain(self.name)}** · risk {percent(self.risk)} now · {things}"
        )


def group_by_athlete(items: list[QueueItem]) -> list[AthleteGroup]:
    """The items as one group per athlete, in the order the service ranked them."""
    groups: dict[int, AthleteGroup] = {}
    for item in items:
        athlete_id = item.intervention.athlete_id
        if athlete_id not in groups:
            groups[athlete_id] = AthleteGroup(
                athlete_id, item.athlete_name, item.risk_bucket, item.risk, item.why
            )
        groups[athlete_id].items.append(item)
    return list(groups.values())


def history_line(days: list[RiskDay]) -> str:
    """The athlete's risk day by day, oldest first: "Risk, day by day: Mon 30 % · Tue 96 %"."""
    if not days:
        return "No risk history yet."
    return "Risk, day by day: " + " · ".join(f"{d.day:%a} {percent(d.risk)}" for d in days)


def header_counts(groups: list[AthleteGroup]) -> dict[str, int]:
    """What the header shows, counted from the rows themselves."""
    counts = {"athletes": len(groups), "at_risk": 0, "watch": 0, "stable": 0}
    counts.update(items=0, overdue=0, due=0)
    for group in groups:
        counts[group.bucket] = counts.get(group.bucket, 0) + 1
        counts["items"] += len(group.items)
        for item in group.items:
            if item.intervention.sla in ("overdue", "due"):
                counts[item.intervention.sla] += 1
    return counts


def session_line(planned: dict[str, Any] | None) -> str:
    """A planned session in words: its title and duration, or that it is removed."""
    if planned is None or planned.get("status") == "cancelled":
        return "removed (rest)"
    return f"{planned.get('title')} · {runtime.duration(planned.get('planned_duration_s'))}"


def decide(actor: Actor, rec: RecommendationRead, decision: str) -> None:
    """Apply or dismiss, then show the new state after the rerun."""
    done = runtime.call(
        recommendations.decide_recommendation,
        actor,
        rec.id,
        RecommendationDecision.model_validate({"decision": decision}),
        now=runtime.now(),
    )
    if done is not None:
        st.toast("Applied to the plan." if decision == "accept" else "Dismissed.")
        st.rerun()


def undo(actor: Actor, rec: RecommendationRead) -> None:
    """Take back the coach's decision, then show the item open again."""
    if runtime.call(recommendations.undo_decision, actor, rec.id, now=runtime.now()) is not None:
        st.toast("Undone: the recommendation is open again.")
        st.rerun()


def decided_text(rec: RecommendationRead, zone: str) -> str:
    """Who decided what, and when: "Applied on 6 Dec 2026, 08:05." or the athlete's answer."""
    stamp = f" on {wording.moment(rec.decided_at, zone)}" if rec.decided_at else ""
    if rec.athlete_answer == "accepted":
        return f"The athlete accepted the change{stamp}: it is in the plan."
    if rec.athlete_answer == "declined":
        return f"The athlete declined the change{stamp}: the plan stays as it was."
    return f"{DECIDED_WORDS[rec.status]}{stamp}."


def proposal(actor: Actor, rec: RecommendationRead, key: str) -> None:
    """An open recommendation: the plan change it proposes, with Apply and Dismiss."""
    changes = runtime.call(recommendations.preview_recommendation, actor, rec.id) or []
    if changes:
        st.caption("Proposed plan change:")
        rows = [
            {
                "day": wording.day(c.before.get("scheduled_date")),
                "before": session_line(c.before),
                "after": session_line(c.after),
            }
            for c in changes
        ]
        st.dataframe(rows, hide_index=True)
    a, b = st.columns(2)
    if a.button("Apply", key=f"apply-{key}", type="primary"):
        decide(actor, rec, "accept")
    if b.button("Dismiss", key=f"dismiss-{key}"):
        decide(actor, rec, "reject")


def recommendation_panel(actor: Actor, group: AthleteGroup, zone: str) -> None:
    """The athlete's latest recommendation: proposed, or its decision with Undo."""
    item = group.recommendation
    rec = item.recommendation if item else None
    key = str(rec.id if rec else group.athlete_id)
    if rec is None or rec.type == "progress":  # never "progress as planned" under an alert
        st.caption("No plan change is proposed: look at the athlete's case.")
        return
    st.info(f"Recommended: **{runtime.plain(rec.title)}**: {runtime.plain(rec.rationale)}")
    if rec.status == "open":
        if rec.decision == "ask_athlete":
            st.caption("Suggested to the athlete on their Today page: no answer yet.")
        proposal(actor, rec, key)
    elif rec.status in DECIDED_WORDS:
        left, right = st.columns([3, 1])
        left.success(decided_text(rec, zone))
        if right.button("Undo", key=f"undo-{key}"):
            undo(actor, rec)
    elif rec.status == "awaiting_athlete":
        st.caption("Sent to the athlete: waiting for their answer.")
