"""Risk, recommendations and interventions (SCIENCE.md §10)."""

from __future__ import annotations

import dataclasses
import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runseason.domain.interventions import (
    InterventionRules,
    in_cooldown,
    priority,
    sla_state,
    triggers,
)
from runseason.domain.recommendations import decide, propose
from runseason.domain.risk import DEFAULT_WEIGHTS, RiskInputs, assess, bucket_of, concerns

FRESH = {"checkin_fresh": True}


def test_all_clear_is_zero_risk_and_stable() -> None:
    result = assess(RiskInputs(**FRESH, readiness_band="green", days_of_data=60))
    assert result.risk == 0
    assert result.bucket == "stable"
    assert propose(result).type == "progress"


def test_noisy_or_of_two_signals() -> None:
    result = assess(RiskInputs(**FRESH, readiness_band="amber", monotony=2.5, days_of_data=30))
    expected = 1 - (1 - 0.6 * 0.5) * (1 - 0.3 * 0.5)
    assert result.risk == pytest.approx(expected)
    assert sum(f.share for f in result.factors) == pytest.approx(result.risk)


@pytest.mark.parametrize(
    ("inputs", "name", "concern"),
    [
        (RiskInputs(illness=True), "illness", 1.0),
        (RiskInputs(pain_severity=5), "pain", 1.0),
        (RiskInputs(pain_severity=2), "pain", 0.4),
        (RiskInputs(pain_severity=2, pain_same_location_days=2), "pain", 0.6),
        (RiskInputs(readiness_band="red"), "readiness", 1.0),
        (RiskInputs(readiness_drop_3d=20), "readiness", 0.5),
        (RiskInputs(min_wellness_z=-2.1), "wellness", 1.0),
        (RiskInputs(min_wellness_z=-1.2), "wellness", 0.5),
        (RiskInputs(hrv_z=-1.2), "hrv", 1.0),
        (RiskInputs(hrv_z=-0.7), "hrv", 0.6),
        (RiskInputs(spike_ratio=0.15), "spike", 0.5),
        (RiskInputs(spike_ratio=0.35), "spike", 0.8),
        (RiskInputs(spike_ratio=1.2), "spike", 1.0),
        (RiskInputs(acwr=1.6, days_of_data=40), "acwr", 1.0),
        (RiskInputs(acwr=1.4, days_of_data=40), "acwr", 0.5),
        (RiskInputs(acwr=1.6, days_of_data=20), "acwr", 0.0),
        (RiskInputs(ramp=9), "ramp", 0.6),
        (RiskInputs(form=-31), "form", 0.7),
        (RiskInputs(monotony=2.1), "monotony", 0.5),
        (RiskInputs(missed_sessions_7d=3), "missed", 0.6),
        (RiskInputs(missed_sessions_7d=2), "missed", 0.0),
        (RiskInputs(days_since_checkin=3), "silence", 0.5),
    ],
)
def test_signal_thresholds(inputs: RiskInputs, name: str, concern: float) -> None:
    assert concerns(inputs)[name][0] == concern


def test_confidence_falls_without_a_fresh_check_in() -> None:
    fresh = assess(
        RiskInputs(
            checkin_fresh=True, min_wellness_z=0.0, days_of_data=40, missed_sessions_7d=0, hrv_z=0
        )
    )
    stale = assess(RiskInputs(checkin_fresh=False, days_of_data=40))
    assert fresh.confidence == pytest.approx(1.0)
    assert stale.confidence < 0.6


def test_guardrail_and_buckets() -> None:
    result = assess(RiskInputs(illness=True, pain_severity=6))
    assert result.risk == pytest.approx(1 - 0.1 * 0.1)
    assert result.guardrail
    assert bucket_of(0.6) == "at_risk"
    assert bucket_of(0.3) == "watch"
    assert bucket_of(0.29) == "stable"


signal_inputs = st.builds(
    RiskInputs,
    checkin_fresh=st.booleans(),
    illness=st.booleans(),
    pain_severity=st.none() | st.integers(0, 10),
    readiness_band=st.sampled_from([None, "green", "amber", "red"]),
    spike_ratio=st.none() | st.floats(-0.5, 2.0),
    acwr=st.none() | st.floats(0.0, 3.0),
    monotony=st.none() | st.floats(0.0, 5.0),
    days_since_checkin=st.none() | st.integers(0, 10),
    days_of_data=st.integers(0, 100),
)


@given(signal_inputs)
def test_adding_a_concern_never_lowers_risk_and_shares_add_up(inputs: RiskInputs) -> None:
    base = assess(inputs)
    worse = assess(dataclasses.replace(inputs, illness=True))
    assert worse.risk >= base.risk - 1e-12
    assert 0 <= base.risk < 1
    assert sum(f.share for f in base.factors) == pytest.approx(base.risk, abs=1e-9)
    assert all(not math.isnan(f.share) for f in base.factors)


def test_weights_below_one_by_default() -> None:
    assert all(0 < w < 1 for w in DEFAULT_WEIGHTS.values())


@pytest.mark.parametrize(
    ("inputs", "kwargs", "kind"),
    [
        (RiskInputs(illness=True), {}, "rest_day"),
        (RiskInputs(illness=True), {"illness_days": 3}, "medical_referral"),
        (RiskInputs(pain_severity=5), {"pain_severity": 5}, "rest_day"),
        (RiskInputs(pain_severity=5), {"pain_severity": 5, "pain_days": 3}, "medical_referral"),
        (RiskInputs(pain_severity=8), {"pain_severity": 8}, "medical_referral"),
        (RiskInputs(readiness_band="red"), {}, "swap_session"),
        (RiskInputs(spike_ratio=0.4, acwr=1.6, days_of_data=40), {}, "reduce_load"),
        (RiskInputs(days_since_checkin=4), {}, "check_in"),
        (RiskInputs(), {"health_case_closed_recently": True}, "return_to_run"),
    ],
)
def test_signals_map_to_recommendation_types(inputs: RiskInputs, kwargs: dict, kind: str) -> None:
    assert propose(assess(inputs), **kwargs).type == kind


def test_guardrail_is_never_automatic() -> None:
    high = assess(RiskInputs(illness=True, pain_severity=6))
    assert decide(propose(high), high, "automatic") == ("await_coach", True)
    low = assess(RiskInputs(days_since_checkin=4))
    assert decide(propose(low), low, "automatic") == ("auto_apply", False)
    assert decide(propose(low), low, "manual") == ("await_coach", True)


NOW = datetime(2026, 11, 24, 8, tzinfo=UTC)
RULES = InterventionRules()


def test_sla_states_and_priority() -> None:
    assert sla_state(NOW - timedelta(hours=2), NOW, RULES) == "fresh"
    assert sla_state(NOW - timedelta(hours=30), NOW, RULES) == "due"
    assert sla_state(NOW - timedelta(hours=80), NOW, RULES) == "overdue"
    assert priority(0.9, "fresh") < priority(0.4, "overdue") < priority(0.4, "due")


def test_cooldown_holds_unless_the_guardrail_is_passed() -> None:
    resolved = NOW - timedelta(hours=10)
    assert in_cooldown(resolved, NOW, 0.7, RULES)
    assert not in_cooldown(resolved, NOW, 0.9, RULES)
    assert not in_cooldown(NOW - timedelta(hours=73), NOW, 0.7, RULES)


def test_triggers_one_per_cause() -> None:
    risky = assess(RiskInputs(pain_severity=5, readiness_band="red"))
    found = triggers(risky, RULES, pain_severity=5, red_days=2, missed_sessions=3, silent_days=4)
    assert sorted(t.cause for t in found) == ["adherence", "pain", "readiness", "silence"]
