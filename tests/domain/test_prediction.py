"""Race prediction models against the worked values of SCIENCE.md §2."""

from __future__ import annotations

import pytest

from runseason.domain.prediction import cameron, personal_exponent, predict_range, riegel
from runseason.errors import InvalidInput


def hms(h: int, m: int, s: int) -> int:
    return h * 3600 + m * 60 + s


@pytest.mark.parametrize(
    ("target_m", "expected_s"),
    [(10000, hms(0, 41, 42)), (21097.5, hms(1, 32, 0)), (42195, hms(3, 11, 49))],
)
def test_riegel_from_a_twenty_minute_5k(target_m: float, expected_s: int) -> None:
    assert riegel(1200, 5000, target_m) == pytest.approx(expected_s, abs=1)


def test_cameron_marathon_from_a_twenty_minute_5k() -> None:
    assert cameron(1200, 5000, 42195) == pytest.approx(hms(3, 15, 11), abs=1)


def test_personal_exponent_recovers_the_exponent_of_two_races() -> None:
    second = (10000.0, riegel(1200, 5000, 10000, exponent=1.1))
    assert personal_exponent((5000.0, 1200.0), second) == pytest.approx(1.1)


def test_personal_exponent_needs_two_different_distances() -> None:
    with pytest.raises(InvalidInput):
        personal_exponent((5000.0, 1200.0), (5000.0, 1250.0))


def test_prediction_is_a_range_across_models_with_their_inputs() -> None:
    result = predict_range(1200, 5000, 42195, exponent=1.08)
    names = {m.model for m in result.models}
    assert names == {"riegel", "cameron", "vdot", "riegel-personal"}
    assert result.low_s == min(m.time_s for m in result.models)
    assert result.high_s == max(m.time_s for m in result.models)
    assert result.low_s < result.high_s
    assert all("5.00 km" in m.inputs for m in result.models)
    assert "underestimate the marathon" in result.caution


def test_short_predictions_carry_no_marathon_caution() -> None:
    assert predict_range(1200, 5000, 10000).caution == ""


def test_refuses_non_positive_inputs() -> None:
    with pytest.raises(InvalidInput):
        riegel(0, 5000, 10000)
