"""The built-in library's families speak the domain's vocabulary and have sensible sizes."""

from __future__ import annotations

import pytest

from runseason.domain.library_data import (
    FAMILIES,
    PROGRESSION_ZONES,
    Continuous,
    Family,
    Repeats,
    Strides,
)
from runseason.domain.plan_model import CATEGORIES, PHASES
from runseason.domain.workout_structure import ZONE_RPE


@pytest.mark.parametrize("family", [f for f in FAMILIES if not isinstance(f, Strides)], ids=str)
def test_each_family_uses_the_domain_categories_phases_and_zones(family: Family) -> None:
    assert isinstance(family, Continuous | Repeats)
    assert family.category in CATEGORIES
    assert set(family.phases) <= set(PHASES)
    assert family.zone in ZONE_RPE


def test_grids_hold_positive_sizes_without_repeats() -> None:
    for family in FAMILIES:
        if isinstance(family, Repeats):
            assert all(reps >= 1 and work > 0 and rest >= 0 for reps, work, rest in family.grid)
            assert len(set(family.grid)) == len(family.grid)
            assert family.rest_zone in ZONE_RPE
        elif isinstance(family, Continuous):
            assert len(set(family.minutes)) == len(family.minutes)
    assert set(PROGRESSION_ZONES) <= set(ZONE_RPE)
