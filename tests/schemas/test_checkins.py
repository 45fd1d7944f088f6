"""The morning check-in at the boundary."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from runseason.schemas.checkins import CheckInCreate

MORNING = {"sleep_quality": 4, "energy": 3, "recovery": 3, "stress": 2}


def test_a_plain_morning_is_valid() -> None:
    assert CheckInCreate.model_validate(MORNING).pain_severity is None


@pytest.mark.parametrize(
    ("field", "value"), [("energy", 0), ("stress", 6), ("sleep_hours", 25), ("resting_hr", 10)]
)
def test_out_of_range_answers_are_refused_by_name(field: str, value: float) -> None:
    with pytest.raises(ValidationError) as refused:
        CheckInCreate.model_validate({**MORNING, field: value})
    assert refused.value.errors()[0]["loc"] == (field,)


def test_a_pain_location_needs_a_severity() -> None:
    with pytest.raises(ValidationError, match="pain severity"):
        CheckInCreate.model_validate({**MORNING, "pain_location": "knee"})
    assert CheckInCreate.model_validate({**MORNING, "pain_location": "knee", "pain_severity": 3})


def test_every_item_may_be_left_out_but_one_must_be_answered() -> None:
    assert CheckInCreate.model_validate({"sleep_hours": 7.5}).stress is None
    assert CheckInCreate.model_validate({"stress": 2}).sleep_quality is None
    with pytest.raises(ValidationError, match="answer at least one"):
        CheckInCreate.model_validate({"illness": True, "note": "sore throat"})
