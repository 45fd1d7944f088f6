"""The Caseload's table in words and colours."""

from __future__ import annotations

from datetime import date
from typing import Any

from runseason.schemas.coaching import CaseloadRow
from runseason.ui.components import caseload_table as table


def _row(**values: Any) -> CaseloadRow:
    base: dict[str, Any] = {
        "athlete_id": 12,
        "name": "Riley Red",
        "risk": 0.92,
        "risk_bucket": "at_risk",
        "confidence": 0.8,
        "readiness_score": 53.8,
        "readiness_band": "red",
        "readiness_trend": [75, 81.2, None, None, 55],
        "form": -12.34,
        "ctl": 40.0,
        "acwr": 1.456,
        "adherence_7d": 0.5,
        "open_interventions": 2,
        "top_factors": [],
        "last_checkin_date": date(2026, 12, 6),
        "next_race_date": None,
    }
    return CaseloadRow.model_validate({**base, **values})


def test_a_row_in_words_without_its_id() -> None:
    frame = table.frame_of([_row()])
    first = frame.iloc[0]
    assert "id" not in frame.columns
    assert first["risk"] == "at risk · 92 %"
    assert first["readiness"] == "54 · red"  # whole numbers, as on the Athlete page
    assert list(first["readiness 7 d"]) == [75.0, 81.2, 55.0]
    assert first["adherence 7 d"] == "50 %"
    assert (first["form"], first["ACWR"]) == ("-12.3", "1.46")  # never 0.000000 or None
    assert (first["last check-in"], first["next race"]) == ("Sun 6 Dec 2026", "-")


def test_a_sparkline_needs_two_days() -> None:
    assert table.trend([None, 60, None]) is None
    assert table.trend([]) is None
    assert table.readiness_words(_row(readiness_score=None)) == "no check-in today"


def test_risk_and_readiness_cells_are_coloured_by_band() -> None:
    rows = [_row(), _row(name="Greta", risk=0.1, risk_bucket="stable", readiness_band="green")]
    styler = table.styled(table.frame_of(rows), rows)
    styler._compute()  # the cell styles, as Streamlit reads them
    colours = {cell: dict(css)["background-color"] for cell, css in styler.ctx.items()}
    red, green = table.COLOURS["red"], table.COLOURS["green"]
    assert colours == {(0, 1): red, (0, 2): red, (1, 1): green, (1, 2): green}
