"""The check-in history the coach reads: answers out of five, readiness in its band, the note."""

from __future__ import annotations

from datetime import UTC, date, datetime

from runseason.schemas.checkins import CheckInRead
from runseason.ui.components.checkin_history import _row


def test_a_check_in_reads_as_answers_readiness_pain_and_note() -> None:
    row = _row(
        CheckInRead(
            id=1,
            athlete_id=1,
            local_date=date(2026, 12, 4),
            sleep_quality=None,
            energy=2,
            recovery=4,
            stress=None,
            mood=None,
            sleep_hours=None,
            resting_hr=None,
            hrv_rmssd=None,
            illness=False,
            pain_severity=4,
            pain_location="left knee",
            note="Legs a bit heavy",
            submitted_at=datetime(2026, 12, 4, 6, tzinfo=UTC),
            readiness_score=61.6,
            readiness_band="amber",
        )
    )
    assert row == {
        "day": "Fri 4 Dec 2026",
        "readiness": "62 · amber",
        "sleep": "-",
        "energy": "2/5",
        "recovery": "4/5",
        "stress": "-",
        "pain": "4/10 (left knee)",
        "ill": "-",
        "note": "Legs a bit heavy",
    }
