"""The risk arithmetic: signals, the noisy-OR, bucket edges and confidence (docs/science.md)."""

from __future__ import annotations

import dataclasses
import math
import re
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runseason.domain.risk import (
    BUCKETS,
    DEFAULT_WEIGHTS,
    RiskInputs,
    Thresholds,
    assess,
    bucket_of,
    concerns,
    noisy_or,
    reaches,
)

FRESH = {"checkin_fresh": True}


def test_all_clear_is_zero_risk_and_stable() -> None:
    result = assess(RiskInputs(**FRESH, readiness_band="green", days_of_data=60))
    assert result.risk == 0
    assert result.bucket == "stable"
    assert result.factors == ()


def test_noisy_or_of_two_signals() -> None:
    result = assess(RiskInputs(**FRESH, readiness_band="amber", monotony=2.5, days_of_data=30))
    assert result.risk == pytest.approx(1 - (1 - 0.6 * 0.5) * (1 - 0.3 * 0.5))
    assert sum(f.share for f in result.factors) == pytest.approx(result.risk)


@pytest.mark.parametrize(
    ("inputs", "name", "concern"),
    [
        (RiskInputs(illness=True), "illness", 1.0),
        (RiskInputs(pain_severity=5), "pain", 1.0),
        (RiskInputs(pain_severity=2), "pain", 0.4),
        (RiskInputs(pain_severity=2, pain_same_location_days=2), "pain", 0.6),
        (RiskInputs(readiness_band="red"), "readiness", 1.0),
        (RiskInputs(readiness_band="amber"), "readiness", 0.5),
        (RiskInputs(readiness_drop_3d=20), "readiness", 0.5),
        (RiskInputs(min_wellness_z=-2.1), "wellness", 1.0),
        (RiskInputs(min_wellness_z=-1.2), "wellness", 0.5),
        (RiskInputs(min_wellness_z=-0.9), "wellness", 0.0),
        (RiskInputs(hrv_z=-1.2), "hrv", 1.0),
        (RiskInputs(hrv_z=-0.7), "hrv", 0.6),
        (RiskInputs(spike_ratio=0.15), "spike", 0.5),
        (RiskInputs(spike_ratio=0.35), "spike", 0.8),
        (RiskInputs(spike_ratio=1.2), "spike", 1.0),
        (RiskInputs(acwr=1.6, days_of_data=40), "acwr", 1.0),
        (RiskInputs(acwr=1.4, days_of_data=40), "acwr", 0.5),
        (RiskInputs(acwr=1.6, days_of_data=20), "acwr", 0.0),
        (RiskInputs(ramp=9, days_of_data=14), "ramp", 0.6),
        (RiskInputs(ramp=9, days_of_data=13), "ramp", 0.0),
        (RiskInputs(form=-31, days_of_data=28), "form", 0.7),
        (RiskInputs(form=-31, days_of_data=27), "form", 0.0),
        (RiskInputs(monotony=2.1, days_of_data=7), "monotony", 0.5),
        (RiskInputs(strain_7d=1200, days_of_data=7), "strain", 0.6),
        (RiskInputs(strain_7d=900, days_of_data=7), "strain", 0.0),
        (RiskInputs(adherence_7d=1.3), "adherence", 0.6),
        (RiskInputs(adherence_7d=0.5), "adherence", 0.5),
        (RiskInputs(adherence_7d=0.9), "adherence", 0.0),
        (RiskInputs(missed_sessions_7d=3), "missed", 0.6),
        (RiskInputs(missed_sessions_7d=2), "missed", 0.0),
        (RiskInputs(days_since_checkin=3), "silence", 0.5),
        (RiskInputs(days_since_coach_action=14), "contact", 1.0),
        (RiskInputs(days_since_coach_action=13), "contact", 0.0),
        (RiskInputs(days_to_a_race=5), "race", 1.0),
        (RiskInputs(days_to_a_race=12), "race", 0.5),
        (RiskInputs(days_to_a_race=20), "race", 0.0),
    ],
)
def test_signal_thresholds(inputs: RiskInputs, name: str, concern: float) -> None:
    assert concerns(inputs)[name][0] == concern


def test_thresholds_come_from_the_settings() -> None:
    strict = Thresholds(pain=3, strain=500, contact_days=7, race_days=21)
    inputs = RiskInputs(pain_severity=3, strain_7d=600, days_of_data=10, days_to_a_race=20)
    found = concerns(dataclasses.replace(inputs, days_since_coach_action=8), strict)
    assert [found[n][0] for n in ("pain", "strain", "contact", "race")] == [1.0, 0.6, 1.0, 0.5]
    assert "line of 3" in found["pain"][1]


@pytest.mark.parametrize(
    ("inputs", "bucket"),
    [
        # 0.6 × 0.5 is the watch line in exact arithmetic.
        (RiskInputs(readiness_band="amber"), "watch"),
        (RiskInputs(readiness_band="red"), "at_risk"),
        # 1 − (1 − 0.5)(1 − 0.2) is 0.6 exactly in rational arithmetic.
        (RiskInputs(spike_ratio=1.5, days_to_a_race=3), "at_risk"),
        (RiskInputs(days_since_checkin=3), "stable"),
    ],
)
def test_a_risk_on_an_edge_lands_in_the_higher_bucket(inputs: RiskInputs, bucket: str) -> None:
    assert assess(inputs).bucket == bucket


def test_bucket_edges_and_guardrail_compare_at_nine_decimals() -> None:
    through_logarithms = 1 - math.exp(math.log1p(-0.6 * 0.5))
    assert through_logarithms == 0.29999999999999993
    assert bucket_of(through_logarithms) == "watch"
    assert bucket_of(0.3 - 1e-8) == "stable"
    assert bucket_of(0.6 - 1e-12) == "at_risk"
    assert reaches(0.85 - 1e-12, 0.85)
    red_and_spike = assess(
        RiskInputs(readiness_band="red", spike_ratio=1.5), {"readiness": 0.7}, guardrail=0.85
    )
    assert red_and_spike.risk == pytest.approx(0.85)
    assert red_and_spike.guardrail


TENTHS = st.integers(1, 9)
TERMS = st.lists(st.tuples(TENTHS, st.integers(1, 10)), min_size=0, max_size=4)


def _exact_bucket(terms: list[tuple[int, int]]) -> str:
    product = Fraction(1)
    for weight, concern in terms:
        product *= 1 - Fraction(weight, 10) * Fraction(concern, 10)
    risk = 1 - product
    if risk >= Fraction(6, 10):
        return "at_risk"
    return "watch" if risk >= Fraction(3, 10) else "stable"


@given(TERMS)
def test_bucket_matches_exact_rational_arithmetic(terms: list[tuple[int, int]]) -> None:
    risk = noisy_or({str(i): (w / 10) * (c / 10) for i, (w, c) in enumerate(terms)})
    assert bucket_of(risk) == _exact_bucket(terms)


@given(st.floats(0, 1), st.floats(0, 1))
def test_bucket_is_monotone(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert BUCKETS.index(bucket_of(low)) <= BUCKETS.index(bucket_of(high))


def test_confidence_is_zero_with_no_data() -> None:
    assert assess(RiskInputs()).confidence == 0


def test_spike_and_silence_need_something_logged() -> None:
    nothing = assess(RiskInputs(**FRESH, readiness_band="green"))
    logged = assess(
        RiskInputs(**FRESH, readiness_band="green", spike_ratio=0.0, days_since_checkin=0)
    )
    assert logged.confidence > nothing.confidence


def test_form_counts_after_28_days_and_ramp_after_14() -> None:
    def confidence(days: int) -> float:
        return assess(RiskInputs(form=-5, ramp=2, days_of_data=days)).confidence

    total = sum(w for n, w in DEFAULT_WEIGHTS.items() if n not in {"contact", "race"})
    assert confidence(13) == 0
    assert confidence(14) == pytest.approx(DEFAULT_WEIGHTS["ramp"] / total)
    assert confidence(28) == pytest.approx(
        (DEFAULT_WEIGHTS["ramp"] + DEFAULT_WEIGHTS["form"]) / total
    )


def test_a_full_day_of_data_is_full_confidence() -> None:
    full = RiskInputs(
        checkin_fresh=True,
        readiness_band="green",
        min_wellness_z=0.0,
        hrv_z=0.0,
        spike_ratio=0.0,
        acwr=1.0,
        ramp=1.0,
        form=0.0,
        monotony=1.2,
        strain_7d=300,
        adherence_7d=1.0,
        missed_sessions_7d=0,
        days_since_checkin=0,
        days_of_data=60,
    )
    assert assess(full).confidence == pytest.approx(1.0)
    assert assess(dataclasses.replace(full, checkin_fresh=False)).confidence < 0.6


signal_inputs = st.builds(
    RiskInputs,
    checkin_fresh=st.booleans(),
    illness=st.booleans(),
    pain_severity=st.none() | st.integers(0, 10),
    pain_same_location_days=st.integers(0, 4),
    readiness_band=st.sampled_from([None, "green", "amber", "red"]),
    readiness_drop_3d=st.none() | st.floats(-30, 40),
    min_wellness_z=st.none() | st.floats(-3, 3),
    hrv_z=st.none() | st.floats(-3, 3),
    spike_ratio=st.none() | st.floats(-0.5, 2.0),
    acwr=st.none() | st.floats(0.0, 3.0),
    ramp=st.none() | st.floats(-10, 15),
    form=st.none() | st.floats(-60, 30),
    monotony=st.none() | st.floats(0.0, 5.0),
    strain_7d=st.none() | st.floats(0, 3000),
    adherence_7d=st.none() | st.floats(0, 2),
    missed_sessions_7d=st.none() | st.integers(0, 7),
    days_since_checkin=st.none() | st.integers(0, 10),
    days_since_coach_action=st.none() | st.integers(0, 40),
    days_to_a_race=st.none() | st.integers(-3, 60),
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
    assert 0 <= base.confidence <= 1


@given(signal_inputs)
def test_thresholds_read_as_plain_words(inputs: RiskInputs) -> None:
    for factor in assess(inputs).factors:
        assert factor.threshold
        assert not re.search(r"[a-z]+_[a-z]+|\bz\b|[≤≥]", factor.threshold)


def test_weights_below_one_by_default() -> None:
    assert all(0 < w < 1 for w in DEFAULT_WEIGHTS.values())
