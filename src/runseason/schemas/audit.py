"""The audit trail at the boundary."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from runseason.schemas.common import Input, Output


class AuditEntryRead(Output):
    """One change: who, when, what, and the changed columns (secrets redacted)."""

    id: int
    occurred_at: datetime
    actor_user_id: int | None
    request_id: str | None
    entity: str
    entity_id: str
    action: str
    changes: dict[str, Any]
    actor_name: str | None = None


class AssignmentCreate(Input):
    """Make a coach responsible for an athlete."""

    coach_id: int = Field(ge=1)
    role: Literal["head", "assistant"] = "head"
