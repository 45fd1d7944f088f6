"""Retention: what an athlete wrote in a check-in is kept for a set time, then blanked.

The scheduler's job ``retention.checkin_notes`` blanks the notes of check-ins older than
``retention_checkin_note_days`` (the scores, which the metrics need, stay) and removes the audit
trail's copies of those check-ins' changes, which carry the notes too. Run twice or in two
processes, the second run finds nothing left to blank.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from runseason.config import get_settings
from runseason.db.models import AuditLog, CheckIn
from runseason.db.session import session_scope

CHUNK = 500  # check-ins blanked per transaction


def prune_checkin_notes(*, now: datetime) -> int:
    """Blank the check-in notes past their retention at ``now``; how many were blanked."""
    days = get_settings().retention_checkin_note_days
    if days is None:
        return 0
    cutoff = now.date() - timedelta(days=days)
    blanked = 0
    while True:
        with session_scope() as session:
            ids = list(
                session.scalars(
                    select(CheckIn.id)
                    .where(CheckIn.local_date < cutoff, CheckIn.note.is_not(None))
                    .order_by(CheckIn.id)
                    .limit(CHUNK)
                )
            )
            session.execute(update(CheckIn).where(CheckIn.id.in_(ids)).values(note=None))
            session.execute(
                delete(AuditLog).where(
                    AuditLog.entity == "check_ins", AuditLog.entity_id.in_([str(i) for i in ids])
                )
            )
        blanked += len(ids)
        if len(ids) < CHUNK:
            return blanked
