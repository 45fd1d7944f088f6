"""Case events, written one way by every use-case: the timeline and the coach-action log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from runseason.db.models import CoachAction, TimelineEvent


def record_event(
    session: Session,
    *,
    organization_id: int,
    athlete_id: int,
    kind: str,
    title: str,
    now: datetime,
    ref_type: str | None = None,
    ref_id: int | None = None,
    actor_id: int | None = None,
    payload: dict[str, Any] | None = None,
) -> None:
    """Add one event to an athlete's timeline."""
    session.add(
        TimelineEvent(
            organization_id=organization_id,
            athlete_id=athlete_id,
            occurred_at=now,
            kind=kind,
            title=title[:300],
            ref_type=ref_type,
            ref_id=ref_id,
            actor_id=actor_id,
            payload=payload or {},
        )
    )


def record_coach_action(
    session: Session,
    *,
    organization_id: int,
    athlete_id: int,
    intervention_id: int | None,
    actor_id: int | None,
    action: str,
    payload: dict[str, Any],
    subject: str,
    subject_title: str,
    subject_id: int,
    now: datetime,
) -> None:
    """Log what a coach did (on an intervention or a recommendation) and show it on the timeline."""
    session.add(
        CoachAction(
            organization_id=organization_id,
            athlete_id=athlete_id,
            intervention_id=intervention_id,
            actor_id=actor_id,
            action=action,
            payload=payload,
            created_at=now,
        )
    )
    record_event(
        session,
        organization_id=organization_id,
        athlete_id=athlete_id,
        kind=f"{subject}_{action}",
        title=f"{subject_title}: {action}",
        now=now,
        ref_type=subject,
        ref_id=subject_id,
        actor_id=actor_id,
        payload=payload,
    )
