"""Case history at the boundary: notes, tasks, health cases and the timeline."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from runseason.schemas.common import Input, Output


class NoteCreate(Input):
    """A coach's note on an athlete (private unless shared)."""

    body: str = Field(min_length=1, max_length=4000)
    shared_with_athlete: bool = False
    intervention_id: int | None = Field(None, ge=1, le=2**63 - 1)


class NoteRead(Output):
    """A stored note."""

    id: int
    athlete_id: int
    author_id: int | None
    body: str
    shared_with_athlete: bool
    created_at: datetime


class TaskCreate(Input):
    """A to-do for a coach, usually about an athlete."""

    title: str = Field(min_length=1, max_length=200)
    description: str | None = Field(None, max_length=2000)
    due_date: date | None = None
    assignee_id: int | None = None


class TaskRead(Output):
    """A stored task."""

    id: int
    athlete_id: int | None
    title: str
    description: str | None
    due_date: date | None
    assignee_id: int | None
    status: str
    completed_at: datetime | None


class HealthCaseCreate(Input):
    """An injury or illness opened by the coach."""

    kind: Literal["injury", "illness"]
    location: str | None = Field(None, max_length=100)
    description: str | None = Field(None, max_length=2000)
    started_on: date


class HealthCaseRead(Output):
    """An injury or illness and where it stands."""

    id: int
    athlete_id: int
    kind: str
    status: str
    location: str | None
    description: str | None
    started_on: date
    closed_on: date | None
    progression: list[Any]
