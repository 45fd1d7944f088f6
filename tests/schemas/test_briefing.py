"""Today's briefing at the boundary: built from the domain's values by attribute."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic import ValidationError

from runseason.schemas.briefing import BriefingRead, TargetRead

VALUES: dict[str, Any] = {
    "athlete_id": 1,
    "local_date": date(2026, 11, 24),
    "decision": "reduce",
    "decision_label": "Reduce",
    "title": "Shorter tempo",
    "reason": "Amber morning",
    "duration_s": 2880.0,
    "distance_m": None,
    "duration_text": "48 min",
    "distance_text": None,
    "intensity": "moderate",
    "planned_title": "Tempo",
    "planned_session_id": 3,
    "readiness_score": 61.0,
    "readiness_band": "amber",
    "factors": ["sleep"],
    "targets": [TargetRead(label="Pace", text="4:15–4:25 /km")],
    "adjustments": [],
    "unit": "km",
}


def test_a_briefing_reads_from_attributes_with_its_targets_in_words() -> None:
    read = BriefingRead.model_validate(SimpleNamespace(**VALUES))
    assert read.decision == "reduce"
    assert read.model_dump()["targets"] == [{"label": "Pace", "text": "4:15–4:25 /km"}]


def test_a_briefing_without_its_decision_is_refused() -> None:
    values = {k: v for k, v in VALUES.items() if k != "decision"}
    with pytest.raises(ValidationError, match="decision"):
        BriefingRead.model_validate(SimpleNamespace(**values))
