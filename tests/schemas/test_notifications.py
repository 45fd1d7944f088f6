"""Email preference input: whole-minute local times, weekdays 0 to 6, nothing unknown."""

from __future__ import annotations

from datetime import time

import pytest
from pydantic import ValidationError

from runseason.schemas.notifications import NotificationPreferencesUpdate


def test_quiet_days_are_sorted_weekdays_without_repeats() -> None:
    data = NotificationPreferencesUpdate(quiet_days=[6, 0, 6], reminder_at=time(6, 30))
    assert data.quiet_days == [0, 6]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("quiet_days", [-1]),
        ("quiet_days", [7]),
        ("quiet_days", list(range(8))),
        ("reminder_at", "07:00:15"),
        ("reminder_at", "07:00+02:00"),
        ("everything", True),
    ],
)
def test_bad_values_are_refused_naming_their_field(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as refused:
        NotificationPreferencesUpdate.model_validate({field: value})
    assert refused.value.errors()[0]["loc"][0] == field
