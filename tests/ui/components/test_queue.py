"""The Command Center's groups: one per athlete in the service's order, counted from themselves."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from runseason.schemas.coaching import QueueItem, RecommendationRead, RiskDay
from runseason.ui import wording
from runseason.ui.components import queue

NOW = datetime(2026, 12, 6, 7, 5, tzinfo=UTC)


def _item(iv_id: int, athlete_id: int, name: str, bucket: str, risk: float, sla: str) -> QueueItem:
    opened = NOW - timedelta(days=3)
    intervention: dict[str, Any] = {
        "id": iv_id,
        "athlete_id": athlete_id,
        "cause": "pain",
        "title": "Pain 6/10 reported",
        "status": "open",
        "risk": 0.7,
        "evidence": [],
        "opened_at": opened,
        "last_evidence_at": opened,
        "acknowledged_at": None,
        "snoozed_until": None,
        "resolved_at": None,
        "outcome": None,
        "recommendation_id": None,
        "severity": 0.7,
        "cleared_at": None,
        "sla": sla,
    }
    return QueueItem.model_validate(
        {
            "intervention": intervention,
            "athlete_name": name,
            "readiness_band": "red",
            "risk": risk,
            "risk_bucket": bucket,
            "top_factors": [{"name": "pain", "threshold": "pain 6/10"}],
            "recommendation": None,
            "age_hours": 72,
        }
    )


def test_items_become_one_group_per_athlete_in_the_services_order() -> None:
    items = [
        _item(1, 7, "Riley Red", "at_risk", 0.92, "overdue"),
        _item(2, 7, "Riley Red", "at_risk", 0.92, "due"),
        _item(3, 4, "Calm Now", "stable", 0.12, "overdue"),
    ]
    groups = queue.group_by_athlete(items)
    assert [(g.name, len(g.items)) for g in groups] == [("Riley Red", 2), ("Calm Now", 1)]
    assert groups[0].label.count("%") == 1
    assert "risk 92 % now" in groups[0].label
    assert "2 items" in groups[0].label
    counts = queue.header_counts(groups)
    assert counts == {
        "athletes": 2,
        "at_risk": 1,
        "watch": 0,
        "stable": 1,
        "items": 3,
        "overdue": 2,
        "due": 1,
    }


def test_days_sessions_and_moments_in_words() -> None:
    assert wording.day("2026-12-07") == "Mon 7 Dec 2026"
    assert queue.session_line({"title": "Recovery run", "planned_duration_s": 1800}) == (
        "Recovery run · 30:00"
    )
    assert queue.session_line(None) == "removed (rest)"
    assert wording.moment(NOW, "Europe/Madrid") == "Sun 6 Dec 2026, 08:05"


def test_the_decision_says_who_decided_and_when() -> None:
    rec = RecommendationRead.model_validate(
        {
            "id": 3,
            "athlete_id": 7,
            "local_date": NOW.date(),
            "type": "drop_intensity",
            "title": "Easy running only",
            "rationale": "Readiness in the amber band.",
            "risk": 0.4,
            "confidence": 0.8,
            "bucket": "watch",
            "factors": [],
            "proposed_action": {"kind": "drop_intensity"},
            "requires_coach": False,
            "decision": "ask_athlete",
            "status": "applied",
            "decided_at": NOW,
            "athlete_answer": "accepted",
            "athlete_answered_at": NOW,
        }
    )
    assert queue.decided_text(rec, "UTC") == (
        "The athlete accepted the change on Sun 6 Dec 2026, 07:05: it is in the plan."
    )
    coach = rec.model_copy(update={"athlete_answer": None, "status": "dismissed"})
    assert queue.decided_text(coach, "UTC") == "Dismissed on Sun 6 Dec 2026, 07:05."


def test_the_history_reads_day_by_day() -> None:
    days = [
        RiskDay(day=NOW.date() - timedelta(days=1), risk=0.3, bucket="watch"),
        RiskDay(day=NOW.date(), risk=0.96, bucket="at_risk"),
    ]
    assert queue.history_line(days) == "Risk, day by day: Sat 30 % · Sun 96 %"
    assert queue.history_line([]) == "No risk history yet."
