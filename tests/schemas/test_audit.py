"""The audit trail and coach assignments at the boundary."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from pydantic import ValidationError

from runseason.schemas.audit import AssignmentCreate, AuditEntryRead


def test_an_assignment_is_a_head_or_an_assistant() -> None:
    assert AssignmentCreate(coach_id=3).role == "head"
    with pytest.raises(ValidationError):
        AssignmentCreate.model_validate({"coach_id": 3, "role": "owner"})


def test_an_audit_entry_reads_from_a_row() -> None:
    row = SimpleNamespace(
        id=1,
        occurred_at=datetime(2026, 11, 24, tzinfo=UTC),
        actor_user_id=2,
        request_id="abc",
        entity="athletes",
        entity_id="5",
        action="update",
        changes={"vdot": [50, 52]},
    )
    assert AuditEntryRead.model_validate(row).changes == {"vdot": [50, 52]}
