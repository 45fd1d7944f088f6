"""Session load models and their provenance (SCIENCE.md §3)."""

from __future__ import annotations

import pytest

from runseason.domain.load import (
    SessionInputs,
    hr_stress,
    running_stress,
    session_load,
    session_rpe,
    trimp,
)
from runseason.errors import InvalidInput


def test_session_rpe_of_an_hour_at_seven() -> None:
    assert session_rpe(7, 3600) == pytest.approx(420)


@pytest.mark.parametrize(("sex", "expected"), [("male", 31.80), ("female", 27.63)])
def test_banister_trimp_matches_the_worked_values(sex: str, expected: float) -> None:
    assert trimp(1800, 130, 40, 200, sex) == pytest.approx(expected, abs=0.005)  # type: ignore[arg-type]


def test_hr_stress_score_normalised_to_threshold() -> None:
    assert hr_stress(2700, 150, 50, 190, 170, "male") == pytest.approx(47.51, abs=0.005)


def test_running_stress_uses_speeds_not_paces() -> None:
    assert running_stress(1800, 300, 270) == pytest.approx(40.5)


def test_an_hour_at_threshold_pace_is_one_hundred() -> None:
    assert running_stress(3600, 270, 270) == pytest.approx(100)


def test_pace_model_is_preferred_and_recorded() -> None:
    load = session_load(
        SessionInputs(
            1800,
            distance_m=6000,
            rpe=6,
            avg_hr=150,
            hr_rest=50,
            hr_max=190,
            lthr=170,
            threshold_pace_s_per_km=270,
        )
    )
    assert load.model == "pace"
    assert load.value == pytest.approx(40.5)
    assert load.details["intensity_factor"] == pytest.approx(0.9)


def test_heart_rate_model_when_no_threshold_pace() -> None:
    load = session_load(
        SessionInputs(2700, avg_hr=150, hr_rest=50, hr_max=190, lthr=170, sex="male")
    )
    assert load.model == "hr"
    assert load.value == pytest.approx(47.51, abs=0.005)


def test_a_run_without_heart_rate_or_pace_still_gets_an_rpe_load() -> None:
    load = session_load(SessionInputs(3600, distance_m=10000, rpe=7))
    assert load.model == "rpe"
    assert load.details["session_rpe_au"] == pytest.approx(420)
    assert load.value == pytest.approx(420 / 4.5)


def test_a_run_with_only_a_duration_is_taken_as_easy() -> None:
    load = session_load(SessionInputs(3600))
    assert load.model == "rpe"
    assert load.details["rpe"] == 4.0
    assert load.details["rpe_assumed"] == 1.0


@pytest.mark.parametrize(
    "inputs", [SessionInputs(0, rpe=5), SessionInputs(600, rpe=11), SessionInputs(-5)]
)
def test_refuses_impossible_sessions(inputs: SessionInputs) -> None:
    with pytest.raises(InvalidInput):
        session_load(inputs)


# Everything a physiology model could use, so the sport alone decides the model.
FULL = {
    "distance_m": 6000.0,
    "rpe": 6.0,
    "avg_hr": 150.0,
    "hr_rest": 50.0,
    "hr_max": 190.0,
    "lthr": 170.0,
    "threshold_pace_s_per_km": 270.0,
    "sex": "male",
}


@pytest.mark.parametrize(
    ("sport", "model", "factor"),
    [
        ("run", "pace", 1.0),
        ("treadmill", "pace", 1.0),
        ("trail", "hr", 1.0),
        ("bike", "rpe", 0.7),
        ("cross", "rpe", 0.7),
        ("hike", "rpe", 0.7),
        ("swim", "rpe", 0.5),
        ("walk", "rpe", 0.5),
        ("strength", "rpe", 0.4),
        ("other", "rpe", 0.5),
    ],
)
def test_each_sport_has_its_model_and_factor_toward_running_load(
    sport: str, model: str, factor: float
) -> None:
    load = session_load(SessionInputs(1800, sport=sport, **FULL))  # type: ignore[arg-type]
    raw = {"pace": 40.5, "hr": hr_stress(1800, 150, 50, 190, 170, "male"), "rpe": 6 * 30 / 4.5}
    assert load.model == model
    assert load.value == pytest.approx(raw[model] * factor)
    assert load.details["sport"] == sport
    assert load.details["running_factor"] == factor


def test_a_bike_ride_is_never_scored_with_the_running_heart_rate_model() -> None:
    load = session_load(
        SessionInputs(3600, sport="bike", avg_hr=150, hr_rest=50, hr_max=190, lthr=170)
    )
    assert load.model == "rpe"
    assert "avg_hr" not in load.details
    assert load.details["sport_load"] == pytest.approx(4 * 60 / 4.5)
    assert load.value == pytest.approx(4 * 60 / 4.5 * 0.7)


def test_a_trail_run_without_heart_rate_falls_back_to_rpe_not_pace() -> None:
    load = session_load(
        SessionInputs(3600, sport="trail", distance_m=8000, rpe=6, threshold_pace_s_per_km=270)
    )
    assert load.model == "rpe"
    assert load.value == pytest.approx(360 / 4.5)
