"""Opening, cooling down, clearing and aging interventions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from runseason.domain.interventions import (
    InterventionRules,
    clearance,
    in_cooldown,
    opening_note,
    priority,
    sla_state,
    stable_streak,
    triggers,
)
from runseason.domain.risk import RiskInputs, assess

NOW = datetime(2026, 11, 24, 8, tzinfo=UTC)
RULES = InterventionRules()


def test_sla_states_and_priority() -> None:
    assert sla_state(NOW - timedelta(hours=2), NOW, RULES) == "fresh"
    assert sla_state(NOW - timedelta(hours=30), NOW, RULES) == "due"
    assert sla_state(NOW - timedelta(hours=80), NOW, RULES) == "overdue"
    assert priority(0.9, "fresh") < priority(0.4, "overdue") < priority(0.4, "due")
    assert priority(1 - 0.4, "fresh")[0] == 0  # 0.6 reaches the at-risk line


def test_cooldown_holds_unless_the_guardrail_is_reached() -> None:
    resolved = NOW - timedelta(hours=10)
    assert in_cooldown(resolved, NOW, 0.7, RULES)
    assert not in_cooldown(resolved, NOW, 0.85, RULES)
    assert not in_cooldown(resolved, NOW, 0.9, RULES)
    assert not in_cooldown(NOW - timedelta(hours=73), NOW, 0.7, RULES)


def test_triggers_one_per_cause() -> None:
    risky = assess(RiskInputs(pain_severity=5, readiness_band="red"))
    found = triggers(risky, RULES, pain_severity=5, red_days=2, missed_sessions=3, silent_days=4)
    assert sorted(t.cause for t in found) == ["adherence", "pain", "readiness", "silence"]


def test_a_risk_on_the_open_threshold_opens() -> None:
    red = assess(RiskInputs(readiness_band="red"))
    (found,) = triggers(red, RULES)
    assert found.title == "Readiness in the red band"  # the risk is shown beside it, once


def test_pain_line_comes_from_the_rules() -> None:
    strict = InterventionRules(pain_severity=3)
    quiet = assess(RiskInputs())
    assert [t.cause for t in triggers(quiet, strict, pain_severity=3)] == ["pain"]
    assert triggers(quiet, RULES, pain_severity=3) == []


def test_stable_streak_counts_back_from_today() -> None:
    assert stable_streak(["stable", "stable", "watch", "stable"]) == 2
    assert stable_streak(["watch", "stable"]) == 0
    assert stable_streak([]) == 0


@pytest.mark.parametrize(
    ("stable_days", "cleared_hours_ago", "state"),
    [
        (2, None, "active"),
        (3, None, "cleared"),
        (3, 5, "cleared"),
        (4, 24, "resolve"),
        (1, 30, "active"),
    ],
)
def test_a_cause_clears_then_resolves(
    stable_days: int, cleared_hours_ago: int | None, state: str
) -> None:
    cleared_at = None if cleared_hours_ago is None else NOW - timedelta(hours=cleared_hours_ago)
    assert clearance(stable_days, cleared_at, NOW, RULES) == state


def test_opening_note_is_history() -> None:
    assert (
        opening_note(NOW - timedelta(days=12, hours=3), NOW, 0.68) == "opened 12 days ago at 68 %"
    )
    assert opening_note(NOW - timedelta(hours=3), NOW, 0.6) == "opened today at 60 %"
    assert opening_note(NOW - timedelta(hours=30), NOW, 0.6) == "opened yesterday at 60 %"
