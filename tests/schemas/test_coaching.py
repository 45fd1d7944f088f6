"""The coaching engine at the boundary: decisions, snoozes and outcomes."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from runseason.schemas.coaching import (
    InterventionResolve,
    InterventionSnooze,
    RecommendationDecision,
)


def test_a_decision_is_accept_modify_or_reject_with_bounded_numbers() -> None:
    assert RecommendationDecision(decision="modify", days=3).days == 3
    with pytest.raises(ValidationError):
        RecommendationDecision.model_validate({"decision": "later"})
    with pytest.raises(ValidationError):
        RecommendationDecision(decision="modify", factor=0.1)


def test_snoozes_and_outcomes_keep_to_their_ranges() -> None:
    assert InterventionSnooze(hours=24).hours == 24
    with pytest.raises(ValidationError):
        InterventionSnooze(hours=0)
    with pytest.raises(ValidationError):
        InterventionResolve(outcome="ok")
