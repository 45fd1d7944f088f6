"""The athlete's whole story at the boundary: one entry per thing that happened."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from runseason.schemas.common import Output

TimelineKind = Literal[
    "checkin",
    "session",
    "plan_edit",
    "note",
    "intervention",
    "recommendation",
    "health_case",
    "task",
    "marked_days",
    "comment",
]
KIND_LABELS: dict[str, str] = {
    "checkin": "Check-in",
    "session": "Session",
    "plan_edit": "Plan change",
    "note": "Note",
    "intervention": "Intervention",
    "recommendation": "Recommendation",
    "health_case": "Injury or illness",
    "task": "Task",
    "marked_days": "Marked days",
    "comment": "Session comment",
}


class TimelineEntryRead(Output):
    """One thing that happened, said in words (``kind`` is the filter key, ``label`` its name)."""

    occurred_at: datetime
    kind: str
    label: str
    title: str
    ref_type: str
    ref_id: int
