"""Heart-rate and pace zones (SCIENCE.md §7)."""

from __future__ import annotations

import itertools

import pytest

from runseason.domain.zones import (
    friel_zones,
    heart_rate_reserve_zones,
    hr_max_zones,
    karvonen,
    pace_zones,
    tanaka_hr_max,
)
from runseason.errors import InvalidInput


@pytest.mark.parametrize(
    ("name", "low", "high"), [("Z2", 141, 147), ("Z3", 148, 155), ("Z4", 156, 163)]
)
def test_friel_zones_for_lthr_165_match_the_worked_values(name: str, low: int, high: int) -> None:
    zone = next(z for z in friel_zones(165) if z.name == name)
    assert (zone.low, zone.high) == (low, high)


def test_friel_zones_are_contiguous() -> None:
    zones = friel_zones(172)
    assert [z.name for z in zones] == ["Z1", "Z2", "Z3", "Z4", "Z5a", "Z5b", "Z5c"]
    for lower, upper in itertools.pairwise(zones):
        assert upper.low == lower.high + 1


def test_tanaka_estimate() -> None:
    assert tanaka_hr_max(40) == pytest.approx(180.0)


def test_karvonen_at_seventy_percent() -> None:
    assert karvonen(50, 190, 0.7) == pytest.approx(148.0)


def test_five_zone_schemes_cover_their_range() -> None:
    assert hr_max_zones(200)[0].low == 100
    assert hr_max_zones(200)[-1].high == 200
    assert heart_rate_reserve_zones(50, 190)[0].low == 120


def test_pace_zones_run_from_easy_to_repetition() -> None:
    zones = pace_zones(50)
    assert [z.name for z in zones] == ["E", "M", "T", "I", "R"]
    assert zones[0].low > zones[-1].high


@pytest.mark.parametrize("call", [lambda: friel_zones(50), lambda: karvonen(100, 90, 0.5)])
def test_refuses_impossible_heart_rates(call: object) -> None:
    with pytest.raises(InvalidInput):
        call()  # type: ignore[operator]
