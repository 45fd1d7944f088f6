"""Logged sessions at the boundary."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from runseason.schemas.training import TrainingLogCreate, TrainingLogUpdate


def test_a_run_with_its_defaults() -> None:
    entry = TrainingLogCreate.model_validate({"local_date": "2026-11-24", "duration_s": 1800})
    assert (entry.sport, entry.kind) == ("run", "training")


@pytest.mark.parametrize(
    ("field", "value"),
    [("duration_s", 0), ("rpe", 11), ("sport", "rowing"), ("kind", "parkrun"), ("feel", 6)],
)
def test_impossible_values_are_refused_by_name(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as refused:
        TrainingLogCreate.model_validate(
            {"local_date": "2026-11-24", "duration_s": 1800, field: value}
        )
    assert refused.value.errors()[0]["loc"][0] == field


def test_a_correction_changes_only_what_it_names() -> None:
    update = TrainingLogUpdate(rpe=6)
    assert update.model_dump(exclude_unset=True) == {"rpe": 6}
