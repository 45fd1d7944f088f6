"""Every signal has an answer; nobody at watch or above is told to progress (docs/science.md)."""

from __future__ import annotations

import pytest
from hypothesis import given

from runseason.domain.recommendations import (
    ANY_BUCKET,
    SIGNAL_TABLE,
    decide,
    propose,
)
from runseason.domain.risk import RiskInputs, assess
from tests.domain.test_risk import signal_inputs

# One athlete-day per row of the signal table: the signal alone, at that level.
ALONE: dict[tuple[str, str], tuple[RiskInputs, dict[str, int]]] = {
    ("illness", "ill"): (RiskInputs(illness=True), {}),
    ("illness", "persisting"): (RiskInputs(illness=True), {"illness_days": 3}),
    ("pain", "low"): (RiskInputs(pain_severity=2), {"pain_severity": 2}),
    ("pain", "same place"): (
        RiskInputs(pain_severity=2, pain_same_location_days=2),
        {"pain_severity": 2},
    ),
    ("pain", "high"): (RiskInputs(pain_severity=5), {"pain_severity": 5, "pain_days": 1}),
    ("pain", "persisting"): (RiskInputs(pain_severity=8), {"pain_severity": 8, "pain_days": 1}),
    ("readiness", "red"): (RiskInputs(readiness_band="red"), {}),
    ("readiness", "amber"): (RiskInputs(readiness_band="amber"), {}),
    ("readiness", "falling"): (RiskInputs(readiness_drop_3d=20), {}),
    ("wellness", "far below"): (RiskInputs(min_wellness_z=-2.3), {}),
    ("wellness", "below"): (RiskInputs(min_wellness_z=-1.4), {}),
    ("hrv", "far below"): (RiskInputs(hrv_z=-1.3), {}),
    ("hrv", "below"): (RiskInputs(hrv_z=-0.7), {}),
    ("spike", "above"): (RiskInputs(spike_ratio=0.4), {}),
    ("acwr", "raised"): (RiskInputs(acwr=1.4, days_of_data=40), {}),
    ("acwr", "high"): (RiskInputs(acwr=1.7, days_of_data=40), {}),
    ("ramp", "above"): (RiskInputs(ramp=10, days_of_data=40), {}),
    ("form", "above"): (RiskInputs(form=-35, days_of_data=40), {}),
    ("monotony", "above"): (RiskInputs(monotony=2.4, days_of_data=40), {}),
    ("strain", "above"): (RiskInputs(strain_7d=1500, days_of_data=40), {}),
    ("adherence", "over"): (RiskInputs(adherence_7d=1.5), {}),
    ("adherence", "under"): (RiskInputs(adherence_7d=0.4), {}),
    ("missed", "above"): (RiskInputs(missed_sessions_7d=4), {}),
    ("silence", "above"): (RiskInputs(days_since_checkin=5), {}),
    ("contact", "above"): (RiskInputs(days_since_coach_action=20), {}),
    ("race", "near"): (RiskInputs(days_to_a_race=6), {}),
}


def test_every_row_of_the_table_has_a_scenario() -> None:
    assert set(ALONE) == set(SIGNAL_TABLE)


@pytest.mark.parametrize("row", sorted(SIGNAL_TABLE))
def test_each_signal_alone_gets_its_answer_once_it_matters(row: tuple[str, str]) -> None:
    inputs, health = ALONE[row]
    signal = row[0]
    assessment = assess(inputs, {signal: 0.9})  # weighted up so the signal alone is at watch
    assert assessment.bucket != "stable"
    proposal = propose(assessment, **health)  # type: ignore[arg-type]
    assert proposal.type == SIGNAL_TABLE[row].type
    assert proposal.signal == signal
    assert assessment.factors[0].threshold in proposal.title


@pytest.mark.parametrize("row", sorted(SIGNAL_TABLE))
def test_each_signal_alone_at_default_weights_is_answered_or_watched(
    row: tuple[str, str],
) -> None:
    inputs, health = ALONE[row]
    assessment = assess(inputs)
    proposal = propose(assessment, **health)  # type: ignore[arg-type]
    if assessment.bucket != "stable" or SIGNAL_TABLE[row].type in ANY_BUCKET:
        assert proposal.type == SIGNAL_TABLE[row].type
    else:
        assert proposal.type == "progress"
        assert "keep an eye on" in proposal.rationale
        assert "all clear" not in proposal.rationale.lower()


@pytest.mark.parametrize(
    ("inputs", "health", "kind", "signal"),
    [
        # HRV z −1.2 with a wellness z −2.3: at risk, never "all clear".
        (RiskInputs(hrv_z=-1.2, min_wellness_z=-2.3), {}, "swap_session", "wellness"),
        (RiskInputs(readiness_band="amber", hrv_z=-0.7), {}, "drop_intensity", "readiness"),
        (RiskInputs(pain_severity=2, min_wellness_z=-1.5), {}, "drop_intensity", "pain"),
        (RiskInputs(illness=True, readiness_band="red"), {}, "rest_day", "illness"),
        (
            RiskInputs(spike_ratio=0.4, acwr=1.6, days_of_data=40),
            {},
            "reduce_load",
            "acwr",
        ),
        (RiskInputs(missed_sessions_7d=3, days_since_checkin=4), {}, "check_in", "missed"),
        (
            RiskInputs(readiness_band="red", acwr=1.4, days_of_data=40),
            {},
            "swap_session",
            "readiness",
        ),
        (
            RiskInputs(pain_severity=6, readiness_band="amber"),
            {"pain_severity": 6, "pain_days": 3},
            "medical_referral",
            "pain",
        ),
        (RiskInputs(days_to_a_race=5, readiness_band="amber"), {}, "talk_to_coach", "race"),
    ],
)
def test_common_pairs(inputs: RiskInputs, health: dict[str, int], kind: str, signal: str) -> None:
    proposal = propose(assess(inputs), **health)  # type: ignore[arg-type]
    assert (proposal.type, proposal.signal) == (kind, signal)
    assert proposal.rationale.startswith("Because of ")


def test_all_clear_only_without_signals() -> None:
    assert propose(assess(RiskInputs(checkin_fresh=True))).rationale.startswith("All clear")
    closed = propose(assess(RiskInputs()), health_case_closed_recently=True)
    assert closed.type == "return_to_run"


@given(signal_inputs)
def test_nobody_at_watch_or_above_is_told_to_progress(inputs: RiskInputs) -> None:
    assessment = assess(inputs)
    proposal = propose(assessment)
    if assessment.bucket != "stable":
        assert proposal.type not in ("progress", "return_to_run")
        assert proposal.signal == next(
            f.name for f in assessment.factors if f.threshold in proposal.title
        )
    assert "all clear" not in proposal.rationale.lower() or not assessment.factors


def test_reduce_title_says_how_much_and_how_long() -> None:
    proposal = propose(assess(RiskInputs(acwr=1.7, days_of_data=40)))
    assert proposal.title.startswith("Reduce volume by 30 % for 7 days: this week's load 1.7")
    assert proposal.action == {"kind": "reduce_volume", "days": 7, "factor": 0.7}


def test_nothing_at_or_above_the_guardrail_is_applied_without_the_coach() -> None:
    # 1 − (1 − 0.7)(1 − 0.5) is the guardrail of 0.85 exactly.
    edge = assess(
        RiskInputs(readiness_band="red", spike_ratio=1.5), {"readiness": 0.7}, guardrail=0.85
    )
    for mode in ("manual", "assisted", "automatic"):
        assert decide(propose(edge), edge, mode) == ("await_coach", True)


def test_automation_modes() -> None:
    quiet = assess(RiskInputs(days_since_checkin=4))
    assert decide(propose(quiet), quiet, "automatic") == ("auto_apply", False)
    assert decide(propose(quiet), quiet, "manual") == ("await_coach", True)
    assert decide(propose(quiet), quiet, "assisted") == ("informational", False)
    amber = assess(RiskInputs(readiness_band="amber"))
    assert decide(propose(amber), amber, "assisted") == ("ask_athlete", False)
    assert decide(propose(amber), amber, "automatic") == ("auto_apply", False)
    red = assess(RiskInputs(readiness_band="red"))  # 0.6: at risk, never automatic
    assert decide(propose(red), red, "automatic") == ("await_coach", True)
    talk = assess(RiskInputs(pain_severity=2, pain_same_location_days=2))
    assert decide(propose(talk), talk, "automatic") == ("await_coach", True)
