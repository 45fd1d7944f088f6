"""Trends at the boundary: periods by month or year, every point with its records."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from runseason.schemas.trends import EvidenceRead, TrendPointRead, TrendSeriesRead

POINT = {
    "period": "2026-03",
    "label": "Mar 2026",
    "value": 48.2,
    "text": "48.2",
    "evidence": [{"day": date(2026, 3, 14), "text": "Parkrun: 5 km in 20:45", "value": 48.2}],
}


def test_a_point_carries_the_records_behind_it() -> None:
    series = TrendSeriesRead(name="VDOT", unit="", points=[TrendPointRead(**POINT)])
    dumped = series.model_dump(mode="json")
    assert dumped["points"][0]["evidence"][0] == {
        "day": "2026-03-14",
        "text": "Parkrun: 5 km in 20:45",
        "value": 48.2,
    }


def test_a_point_without_its_records_is_refused() -> None:
    incomplete = {k: v for k, v in POINT.items() if k != "evidence"}
    with pytest.raises(ValidationError, match="evidence"):
        TrendPointRead(**incomplete)
    assert EvidenceRead(day=date(2026, 3, 1), text="49 bpm", value=49).value == 49.0
