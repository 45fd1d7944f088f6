"""A day's load state from the previous day's: fitness, fatigue, form, ACWR, monotony, spikes."""

from __future__ import annotations

import pytest

from runseason.domain.load_state import monotony, next_day, spike, states
from runseason.domain.training_load import LoadParams

WEEK = [60.0, 0.0, 80.0, 40.0, 0.0, 100.0, 50.0]
SEQUENCE = WEEK * 4 + [x * 1.5 for x in WEEK]


def test_one_day_of_load_100_from_zero() -> None:
    days = states([100.0] + [0.0] * 6)
    assert days[0].ctl == pytest.approx(2.3810, abs=1e-4)
    assert days[0].atl == pytest.approx(14.2857, abs=1e-4)
    assert days[1].form == pytest.approx(-11.9048, abs=1e-4)
    assert days[6].ctl == pytest.approx(2.0604, abs=1e-4)
    assert days[6].atl == pytest.approx(5.6653, abs=1e-4)


def test_the_pandas_span_form_would_fail_this_test() -> None:
    # λ = 2/(N+1) would give CTL 4.6512 and ATL 25.0 on day 1.
    day = states([100.0])[0]
    assert day.ctl != pytest.approx(4.6512, abs=1e-3)
    assert day.atl != pytest.approx(25.0, abs=1e-3)


def test_forty_two_days_at_fifty() -> None:
    days = states([50.0] * 43)
    assert days[41].ctl == pytest.approx(31.8272, abs=1e-4)
    assert days[41].atl == pytest.approx(49.9229, abs=1e-4)
    assert days[42].form == pytest.approx(-18.0957, abs=1e-4)


@pytest.mark.parametrize(
    ("day", "ewma", "coupled", "uncoupled"),
    [(28, 1.032, 1.000, 1.000), (35, 1.256, 1.333, 1.500)],
)
def test_acwr_worked_vector(day: int, ewma: float, coupled: float, uncoupled: float) -> None:
    state = states(SEQUENCE)[day - 1]
    assert state.acwr_ewma == pytest.approx(ewma, abs=1e-3)
    assert state.acwr_coupled == pytest.approx(coupled, abs=1e-3)
    assert state.acwr_uncoupled == pytest.approx(uncoupled, abs=1e-3)


def test_acwr_is_hidden_before_28_days_of_data() -> None:
    assert states(SEQUENCE)[26].acwr_ewma is None
    assert states(SEQUENCE)[27].acwr_ewma is not None


def test_monotony_and_strain_population_convention() -> None:
    state = states(WEEK)[6]
    assert state.monotony == pytest.approx(1.349, abs=1e-3)
    assert state.strain == pytest.approx(445.3, abs=0.05)


def test_monotony_sample_convention_is_a_parameter() -> None:
    assert monotony(WEEK, "sample") == pytest.approx(1.249, abs=1e-3)
    sample = states(WEEK, params=LoadParams(sd="sample"))[6]
    assert sample.strain == pytest.approx(412.3, abs=0.05)


def test_monotony_of_identical_days_is_undefined() -> None:
    assert monotony([0.0] * 7) is None


def test_ramp_rate_is_the_seven_day_change_in_fitness() -> None:
    days = states([50.0] * 10)
    assert days[6].ramp is None
    assert days[7].ramp == pytest.approx(days[7].ctl - days[0].ctl)


def test_single_run_spike_against_the_longest_of_30_days() -> None:
    runs = [10000.0] + [0.0] * 5 + [11500.0]
    last = states([50.0] * 7, runs)[-1]
    assert last.spike_ratio == pytest.approx(0.15)
    assert last.spike_flag is True
    assert last.longest_run_m_30d == 10000.0
    assert spike(10500.0, [10000.0]) == pytest.approx(0.05)
    assert spike(5000.0, []) is None


def test_runs_older_than_30_days_no_longer_count() -> None:
    runs = [20000.0] + [0.0] * 30 + [12000.0]
    assert states([0.0] * 32, runs)[-1].spike_ratio is None


def test_incremental_continuation_equals_one_pass() -> None:
    whole = states(SEQUENCE)
    first = states(SEQUENCE[:20])
    rest = states(SEQUENCE[20:], start=first[-1])
    assert rest[-1] == whole[-1]


def test_first_day_seeds_the_ewma_with_its_load() -> None:
    day = next_day(None, 80.0)
    assert day.acute_ewma == day.chronic_ewma == 80.0
