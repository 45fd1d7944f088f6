"""What a week's days hold, and the ceilings that keep loaded weeks from zigzagging."""

from __future__ import annotations

from runseason.domain.plan_capacity import steady_ceilings


def test_a_week_above_a_later_regular_week_is_held_at_it() -> None:
    # Capacity that rises and falls with the quality templates (3-day weeks): 39 → 35 → 47 → 35.
    loaded = [(1, 39_200.0, True), (2, 35_200.0, True), (3, 46_700.0, True), (4, 35_200.0, True)]
    assert steady_ceilings(loaded) == {1: 35_200.0, 3: 35_200.0}


def test_a_steady_rise_needs_no_ceiling() -> None:
    loaded = [(1, 30_000.0, True), (2, 33_000.0, True), (5, 36_300.0, True)]
    assert steady_ceilings(loaded) == {}


def test_a_holiday_or_race_week_sets_no_ceiling_on_the_weeks_before_it() -> None:
    # Week 2 holds less because two of its days are a holiday: the weeks around it keep theirs.
    loaded = [(1, 40_000.0, True), (2, 20_000.0, False), (3, 42_000.0, True)]
    assert steady_ceilings(loaded) == {}
    # ... but a holiday week above the regular weeks after it is held too.
    loaded = [(1, 40_000.0, True), (2, 45_000.0, False), (3, 41_000.0, True)]
    assert steady_ceilings(loaded) == {2: 41_000.0}
