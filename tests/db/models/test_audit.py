"""The audit trail and error events as tables: an audit row's action from the list, its time and
changes by default, and an error event stored without a tenant."""

from __future__ import annotations

from sqlalchemy.orm import Session

from runseason.db.models import AuditLog, ErrorEvent
from tests.db.models.checks import accepted, refused


def test_an_audit_row_records_an_insert_update_or_delete_only(db: Session) -> None:
    row = AuditLog(entity="athletes", entity_id="7", action="update")
    accepted(db, row)
    assert row.changes == {}
    assert row.occurred_at is not None
    refused(db, AuditLog(entity="athletes", entity_id="7", action="upsert"), "action_valid")


def test_an_error_event_needs_no_organization(db: Session) -> None:
    event = ErrorEvent(level="ERROR", logger="runseason.worker", message="boom")
    accepted(db, event)
    assert event.organization_id is None
    assert event.occurred_at is not None
