"""Case history at the boundary."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from runseason.schemas.cases import HealthCaseCreate, NoteCreate, TaskCreate


def test_notes_are_private_unless_shared() -> None:
    assert not NoteCreate(body="Knee fine").shared_with_athlete
    with pytest.raises(ValidationError):
        NoteCreate(body="")


def test_a_health_case_is_an_injury_or_an_illness() -> None:
    case = HealthCaseCreate.model_validate({"kind": "illness", "started_on": "2026-11-20"})
    assert case.kind == "illness"
    with pytest.raises(ValidationError):
        HealthCaseCreate.model_validate({"kind": "tired", "started_on": "2026-11-20"})


def test_a_task_needs_a_title() -> None:
    assert TaskCreate.model_validate({"title": "Call", "due_date": "2026-12-01"}).due_date
    with pytest.raises(ValidationError):
        TaskCreate(title="")
