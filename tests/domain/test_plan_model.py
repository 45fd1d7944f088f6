"""The plan's vocabulary: levels in order, the categories' RPEs and the session-RPE load.

The numbers are written here rather than imported, so a changed constant fails a test.
"""

from __future__ import annotations

import pytest

from runseason.domain.plan_model import (
    CATEGORIES,
    HALF_MARATHON_M,
    MARATHON_M,
    QUALITY_CATEGORIES,
    RACE_CATEGORY,
    RPE_BY_CATEGORY,
    SCALABLE_CATEGORIES,
    level_rank,
    planned_load,
)


def test_levels_rank_beginner_below_intermediate_below_advanced() -> None:
    assert [level_rank(x) for x in ("beginner", "intermediate", "advanced")] == [0, 1, 2]
    with pytest.raises(ValueError):
        level_rank("elite")


@pytest.mark.parametrize(
    ("category", "minutes", "load"),
    [("recovery", 30, 60.0), ("easy", 60, 180.0), ("tempo", 45, 270.0), ("race", 40, 360.0)],
)
def test_planned_load_is_the_categorys_rpe_times_minutes(
    category: str, minutes: float, load: float
) -> None:
    assert planned_load(category, minutes * 60.0) == pytest.approx(load)


def test_every_category_and_the_race_have_an_rpe_that_cannot_be_changed() -> None:
    assert set(CATEGORIES) | {RACE_CATEGORY} <= set(RPE_BY_CATEGORY)
    assert all(1.0 <= rpe <= 10.0 for rpe in RPE_BY_CATEGORY.values())
    assert RPE_BY_CATEGORY["vo2max_intervals"] > RPE_BY_CATEGORY["tempo"] > RPE_BY_CATEGORY["easy"]
    with pytest.raises(TypeError):
        RPE_BY_CATEGORY["easy"] = 1.0  # type: ignore[index]
    with pytest.raises(KeyError):
        planned_load("gossip", 600.0)


def test_scalable_and_quality_categories_split_the_categories() -> None:
    assert {"easy", "recovery", "long"} == SCALABLE_CATEGORIES
    assert set(CATEGORIES) == SCALABLE_CATEGORIES | QUALITY_CATEGORIES
    assert not SCALABLE_CATEGORIES & QUALITY_CATEGORIES


def test_the_long_race_distances() -> None:
    assert (HALF_MARATHON_M, MARATHON_M) == (21_097.5, 42_195.0)
