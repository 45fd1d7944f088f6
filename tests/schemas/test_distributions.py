"""The week-by-week counts at the boundary."""

from __future__ import annotations

from datetime import date

from runseason.schemas.distributions import DistributionsRead, OutcomeWeekRead


def test_a_week_without_planned_sessions_has_no_adherence_rather_than_zero() -> None:
    week = OutcomeWeekRead(
        week_start=date(2026, 11, 16), planned=0, completed=0, partial=0, missed=0, adherence=None
    )
    read = DistributionsRead(weeks=1, readiness=[], risk=[], adherence=[week], load=[])
    assert read.model_dump(mode="json")["adherence"][0]["adherence"] is None
