"""Causes that clear: an athlete stable long enough has their interventions resolved by the engine.

The engine calls ``clear_causes`` after it has opened or updated the day's interventions; a coach
can reopen one (``interventions.reopen_intervention``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.orm import Session

from runseason.db.models import Intervention
from runseason.domain.interventions import InterventionRules, clearance
from runseason.services import case_events


def clear_causes(
    session: Session,
    items: list[Intervention],
    triggered: Iterable[str],
    stable_days: int,
    rules: InterventionRules,
    now: datetime,
) -> list[Intervention]:
    """Mark the causes that cleared, resolve those that stayed cleared, and return the
    interventions still unresolved. A cause that triggered today has not cleared."""
    still_raised = set(triggered)
    unresolved = []
    for item in items:
        streak = 0 if item.cause in still_raised else stable_days
        state = clearance(streak, item.cleared_at, now, rules)
        if state == "resolve":
            resolve_cleared(session, item, now)
            continue
        if state == "active":
            item.cleared_at = None
        elif item.cleared_at is None:
            item.cleared_at = now
        unresolved.append(item)
    return unresolved


def resolve_cleared(session: Session, row: Intervention, now: datetime) -> None:
    """Resolve an intervention whose cause has cleared: the engine acts, no coach does."""
    row.status, row.resolved_at, row.resolved_by_id = "resolved", now, None
    row.outcome = "cleared"
    case_events.record_coach_action(
        session,
        organization_id=row.organization_id,
        athlete_id=row.athlete_id,
        intervention_id=row.id,
        actor_id=None,
        action="resolve",
        payload={"outcome": "cleared", "automatic": True},
        subject="intervention",
        subject_title=row.title,
        subject_id=row.id,
        now=now,
    )
