"""Phase layout: Base → Build → Peak → Taper in documented proportions, Daniels' drop order."""

from __future__ import annotations

from collections import Counter

import pytest

from runseason.domain.periodization import phase_layout, taper_weeks
from runseason.domain.plan_model import HALF_MARATHON_M, MARATHON_M
from runseason.errors import InvalidInput


def counts(layout: tuple[str, ...]) -> tuple[int, int, int, int]:
    """Weeks of base, build, peak and taper in a layout."""
    c = Counter(layout)
    return (c["base"], c["build"], c["peak"], c["taper"])


@pytest.mark.parametrize(
    ("distance_m", "peak_m", "weeks"),
    [
        (5_000.0, None, 2),
        (10_000.0, 120_000.0, 2),
        (15_000.0, None, 2),
        (HALF_MARATHON_M, 100_000.0, 2),
        (MARATHON_M, None, 2),
        (MARATHON_M, 89_999.0, 2),
        (MARATHON_M, 90_000.0, 3),
        (50_000.0, 120_000.0, 3),
    ],
)
def test_taper_lasts_two_weeks_three_for_marathoners_at_90_km_a_week(
    distance_m: float, peak_m: float | None, weeks: int
) -> None:
    assert taper_weeks(distance_m, peak_m) == weeks


@pytest.mark.parametrize(
    ("total", "distance_m", "peak_m", "expected"),
    [
        # 5 km: 10 preparation weeks at 40/35/25 %: 3 each, then base one more
        (12, 5_000.0, None, (4, 3, 3, 2)),
        (12, MARATHON_M, 100_000.0, (3, 3, 3, 3)),
        (16, HALF_MARATHON_M, None, (6, 5, 3, 2)),
        (20, 10_000.0, None, (7, 6, 5, 2)),  # 7.2 / 6.3 / 4.5 of 18
        (24, 5_000.0, None, (9, 8, 5, 2)),  # base the longest from 24 weeks
        (24, MARATHON_M, None, (11, 7, 4, 2)),
        # peak stops at 6 weeks and build at 8: the rest goes to base
        (36, MARATHON_M, 100_000.0, (19, 8, 6, 3)),
        (48, 5_000.0, None, (32, 8, 6, 2)),
        (48, MARATHON_M, None, (32, 8, 6, 2)),
    ],
)
def test_phase_layout_splits_weeks_in_the_documented_proportions(
    total: int, distance_m: float, peak_m: float | None, expected: tuple[int, int, int, int]
) -> None:
    layout = phase_layout(total, distance_m, peak_weekly_distance_m=peak_m)
    assert len(layout) == total
    assert counts(layout) == expected


@pytest.mark.parametrize("total", range(12, 49))
@pytest.mark.parametrize("distance_m", [5_000.0, 10_000.0, HALF_MARATHON_M, MARATHON_M])
def test_every_12_to_48_week_layout_keeps_three_weeks_per_phase_in_order(
    total: int, distance_m: float
) -> None:
    layout = phase_layout(total, distance_m)
    order = ["base", "build", "peak", "taper"]
    assert [order.index(p) for p in layout] == sorted(order.index(p) for p in layout)
    base, build, peak, taper = counts(layout)
    assert min(base, build, peak) >= 3
    assert peak <= 6
    if total >= 24:
        assert base > max(build, peak, taper)


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (11, (3, 3, 3, 2)),
        (10, (5, 3, 0, 2)),  # Daniels: phase III (peak) goes first
        (8, (3, 3, 0, 2)),
        (7, (5, 0, 0, 2)),  # then phase II (build)
        (3, (1, 0, 0, 2)),
        (1, (0, 0, 0, 1)),  # the taper (phase IV) stays
    ],
)
def test_short_layouts_drop_peak_then_build_keeping_base_and_taper(
    total: int, expected: tuple[int, int, int, int]
) -> None:
    assert counts(phase_layout(total, 5_000.0)) == expected


@pytest.mark.parametrize(("total", "distance_m"), [(0, 5_000.0), (49, 5_000.0), (12, 0.0)])
def test_phase_layout_refuses_impossible_lengths(total: int, distance_m: float) -> None:
    with pytest.raises(InvalidInput):
        phase_layout(total, distance_m)
