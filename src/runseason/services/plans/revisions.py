"""Changes to planned sessions, each one a new plan version with a before/after record.

Used by the plan editor and by applied recommendations alike, so a coach sees every change to a
plan in one history and can compare the original with the current version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession, PlanRevision, TrainingPlan

SESSION_FIELDS = (
    "scheduled_date",
    "title",
    "category",
    "role",
    "is_hard",
    "planned_duration_s",
    "planned_distance_m",
    "planned_load",
    "status",
    "targets",
    "coach_note",
)


@dataclass(frozen=True, slots=True)
class SessionChange:
    """One planned session before and after a change (``after`` None when it is removed)."""

    session_id: int
    before: dict[str, Any]
    after: dict[str, Any] | None


def session_view(row: PlannedSession) -> dict[str, Any]:
    """The fields of a planned session a coach compares."""
    view = {name: getattr(row, name) for name in SESSION_FIELDS}
    view["scheduled_date"] = row.scheduled_date.isoformat()
    return view


def preview(rows: list[PlannedSession], changes: dict[int, dict[str, Any]]) -> list[SessionChange]:
    """What the changes would do to each session, without writing."""
    out = []
    for row in rows:
        if row.id not in changes:
            continue
        before = session_view(row)
        after = {
            **before,
            **{
                k: v.isoformat() if isinstance(v, date) else v
                for k, v in changes[row.id].items()
                if k in SESSION_FIELDS
            },
        }
        out.append(SessionChange(row.id, before, after))
    return out


def apply_changes(
    session: Session,
    plan: TrainingPlan,
    rows: list[PlannedSession],
    changes: dict[int, dict[str, Any]],
    *,
    kind: str,
    reason: str,
    actor_id: int | None,
    now: datetime,
) -> list[SessionChange]:
    """Apply per-session changes, bump the plan's version and record the revision."""
    diff = preview(rows, changes)
    if not diff:
        return diff
    by_id = {r.id: r for r in rows}
    for change in diff:
        row = by_id[change.session_id]
        for name, value in changes[row.id].items():
            if name in SESSION_FIELDS and name != "scheduled_date":
                setattr(row, name, value)
        if "scheduled_date" in changes[row.id]:
            row.scheduled_date = changes[row.id]["scheduled_date"]
        row.origin = "coach" if actor_id else "engine"
    record_revision(
        session,
        plan,
        kind=kind,
        reason=reason,
        actor_id=actor_id,
        now=now,
        snapshot={"changes": [_plain(c) for c in diff]},
    )
    return diff


def _plain(change: SessionChange) -> dict[str, Any]:
    return {"session_id": change.session_id, "before": change.before, "after": change.after}


def record_revision(
    session: Session,
    plan: TrainingPlan,
    *,
    kind: str,
    reason: str,
    actor_id: int | None,
    now: datetime,
    snapshot: dict[str, Any],
) -> PlanRevision:
    """Bump the plan's version and store what changed."""
    latest = session.scalar(
        select(func.max(PlanRevision.version)).where(PlanRevision.plan_id == plan.id)
    )
    plan.version = max(plan.version, latest or 0) + 1
    revision = PlanRevision(
        organization_id=plan.organization_id,
        plan_id=plan.id,
        version=plan.version,
        kind=kind,
        reason=reason[:500],
        snapshot=snapshot,
        created_by_id=actor_id,
        created_at=now,
    )
    session.add(revision)
    session.flush()
    return revision
