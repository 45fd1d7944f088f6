"""The calculators: VDOT, equivalent times, paces and race predictions."""

from __future__ import annotations

import pytest

from runseason.errors import InvalidInput
from runseason.services.calculators import EQUIVALENT_DISTANCES, prediction_report, vdot_report


def test_a_20_minute_5k_is_about_vdot_50_with_its_equivalents() -> None:
    report = vdot_report("5k", "20:00")
    assert report.vdot == pytest.approx(49.8, abs=0.2)
    assert [e.distance for e in report.equivalents] == list(EQUIVALENT_DISTANCES)
    five = next(e for e in report.equivalents if e.distance == "5k")
    assert five.time_s == pytest.approx(1200, abs=2)
    assert report.paces.easy_slow_s_per_km > report.paces.threshold_s_per_km


def test_a_prediction_spans_its_models_and_bad_input_is_named() -> None:
    report = prediction_report("10k", "40:00", "half")
    assert report.low_s <= min(m.time_s for m in report.models)
    assert report.high_s >= max(m.time_s for m in report.models)
    with pytest.raises(InvalidInput):
        vdot_report("5k", "soon")
