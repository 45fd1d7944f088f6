"""SLA ageing: snoozed interventions whose time is up return to the open queue.

The SLA state itself (fresh, due, overdue) follows from the hours since an intervention opened
and is worked out on read; what ages in the database is the snooze. The scheduler's job
``interventions.sla_ageing`` reopens every snoozed intervention whose ``snoozed_until`` has
passed, with an event on the athlete's timeline, so lists, counts and the athlete's timeline
show it open again. Run twice or in two processes, the second run finds nothing left to wake.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from runseason.db.models import Intervention
from runseason.db.session import session_scope
from runseason.services import case_events

CHUNK = 200  # interventions woken per transaction


def wake_snoozed_interventions(*, now: datetime) -> int:
    """Reopen the snoozed interventions whose snooze ended by ``now``; how many."""
    woken = 0
    while True:
        with session_scope() as session:
            rows = session.scalars(
                select(Intervention)
                .where(Intervention.status == "snoozed", Intervention.snoozed_until <= now)
                .order_by(Intervention.id)
                .limit(CHUNK)
                .with_for_update(skip_locked=True)
            ).all()
            for row in rows:
                row.status, row.snoozed_until = "open", None
                case_events.record_event(
                    session,
                    organization_id=row.organization_id,
                    athlete_id=row.athlete_id,
                    kind="intervention_wake",
                    title=f"{row.title}: wake",
                    now=now,
                    ref_type="intervention",
                    ref_id=row.id,
                )
            session.flush()
        woken += len(rows)
        if len(rows) < CHUNK:
            return woken
