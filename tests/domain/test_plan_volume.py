"""Weekly targets: progression under the cap, cutbacks, taper, long runs and quality counts."""

from __future__ import annotations

import dataclasses

import pytest

from runseason.domain.periodization import VolumeSettings, phase_layout, weekly_targets
from runseason.domain.plan_model import HALF_MARATHON_M, MARATHON_M
from runseason.domain.plan_volume import (
    cutback_weeks,
    default_peak_weekly_distance_m,
    initial_long_run_m,
    long_run_limit_m,
    long_run_max_s,
    quality_sessions,
)
from runseason.errors import InvalidInput

MARATHON_40_TO_75 = VolumeSettings(
    race_distance_m=MARATHON_M,
    current_weekly_distance_m=40_000.0,
    peak_weekly_distance_m=75_000.0,
    level="intermediate",
    easy_pace_s_per_km=360.0,
)
MARATHON_12_WEEKS = phase_layout(12, MARATHON_M, peak_weekly_distance_m=75_000.0)


def test_twelve_week_marathon_from_40_km_grows_ten_percent_with_cutbacks_and_taper() -> None:
    # Base 4, build 3, peak 3, taper 2: 40 → 44 → 48.4, cutback 48.4 × 0.75 (4th week of base),
    # 53.24 → 58.564 → 64.4204 → 70.86244 → 75 (peak) → 75, taper 75 × 0.75 and 75 × 0.50
    targets = weekly_targets(MARATHON_12_WEEKS, MARATHON_40_TO_75)
    km = [t.distance_m / 1000 for t in targets]
    expected = [40, 44, 48.4, 36.3, 53.24, 58.564, 64.4204, 70.86244, 75, 75, 56.25, 37.5]
    assert km == pytest.approx(expected, abs=1e-9)
    assert [t.is_cutback for t in targets] == [i == 4 for i in range(1, 13)]
    assert [t.is_taper for t in targets] == [i >= 11 for i in range(1, 13)]
    assert [t.is_race_week for t in targets] == [i == 12 for i in range(1, 13)]


def test_twelve_week_marathon_long_run_is_30_percent_capped_by_150_minutes_and_jumps() -> None:
    targets = weekly_targets(MARATHON_12_WEEKS, MARATHON_40_TO_75)
    km = [t.long_run_distance_m / 1000 for t in targets]
    expected = [
        12.0,
        13.2,
        14.52,
        10.89,  # cutback: 14.52 × 0.75
        15.972,
        17.5692,
        19.32612,
        21.258732,
        22.5,  # 30 % of 75 km; 150 min at 6:00/km would allow 25 km
        22.5,
        16.875,  # taper: 30 % of 56.25 km
        0.0,  # race week
    ]
    assert km == pytest.approx(expected, abs=1e-9)


def test_twelve_week_marathon_quality_follows_phase_level_cutback_and_race_week() -> None:
    targets = weekly_targets(MARATHON_12_WEEKS, MARATHON_40_TO_75)
    assert [t.quality_sessions for t in targets] == [1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 1, 1]


def test_growth_slows_to_reach_peak_exactly_at_the_end_of_build_when_time_allows() -> None:
    # 24-week half: base 10, build 8; cutbacks in weeks 4, 8 (base) and 14, 18 (build), so 14
    # loaded base/build weeks and 13 steps of (60/40)^(1/13) = 3.168 %
    settings = dataclasses.replace(
        MARATHON_40_TO_75, race_distance_m=HALF_MARATHON_M, peak_weekly_distance_m=60_000.0
    )
    phases = phase_layout(24, HALF_MARATHON_M)
    targets = weekly_targets(phases, settings)
    assert targets[1].distance_m == pytest.approx(40_000.0 * 1.5 ** (1 / 13))
    assert targets[1].distance_m / targets[0].distance_m - 1 == pytest.approx(0.03168, abs=1e-5)
    last_build = max(t.index for t in targets if t.phase == "build" and not t.is_cutback)
    assert last_build == 17
    assert targets[last_build - 1].distance_m == pytest.approx(60_000.0)
    assert [t.index for t in targets if t.is_cutback] == [4, 8, 14, 18]
    peak_weeks = [t for t in targets if t.phase == "peak"]
    assert [t.distance_m / 1000 for t in peak_weeks] == pytest.approx([60, 60, 60, 60])


@pytest.mark.parametrize(("reduction", "every"), [(0.20, 4), (0.25, 3), (0.30, 4)])
def test_cutback_week_is_the_reduction_below_the_last_loaded_week(
    reduction: float, every: int
) -> None:
    settings = dataclasses.replace(
        MARATHON_40_TO_75, cutback_reduction=reduction, cutback_every=every
    )
    layout = phase_layout(24, MARATHON_M)
    targets = weekly_targets(layout, settings)
    for t in targets:
        in_phase = layout[: t.index].count(t.phase)
        before_taper = t.index < len(layout) and layout[t.index] == "taper"
        assert t.is_cutback == (in_phase % every == 0 and t.phase != "taper" and not before_taper)
        if t.is_cutback:
            previous = targets[t.index - 2]
            assert t.distance_m == pytest.approx(previous.distance_m * (1 - reduction))


def test_cutback_every_zero_turns_cutbacks_off() -> None:
    settings = dataclasses.replace(MARATHON_40_TO_75, cutback_every=0)
    assert not any(t.is_cutback for t in weekly_targets(MARATHON_12_WEEKS, settings))


@pytest.mark.parametrize(
    ("distance_m", "peak_m", "reductions"),
    [
        (5_000.0, 50_000.0, [0.25, 0.50]),
        (HALF_MARATHON_M, 60_000.0, [0.25, 0.50]),
        (MARATHON_M, 100_000.0, [0.25, 0.40, 0.55]),
    ],
)
def test_taper_cuts_volume_a_quarter_then_by_half_below_the_last_loaded_week(
    distance_m: float, peak_m: float, reductions: list[float]
) -> None:
    settings = dataclasses.replace(
        MARATHON_40_TO_75,
        race_distance_m=distance_m,
        current_weekly_distance_m=peak_m,
        peak_weekly_distance_m=peak_m,
    )
    targets = weekly_targets(phase_layout(20, distance_m, peak_weekly_distance_m=peak_m), settings)
    taper = [t for t in targets if t.is_taper]
    assert [1 - t.distance_m / peak_m for t in taper] == pytest.approx(reductions)
    assert taper[-1].is_race_week


def test_recovery_weeks_after_the_race_run_at_30_then_50_percent() -> None:
    phases = (*MARATHON_12_WEEKS, "recovery", "recovery")
    targets = weekly_targets(phases, MARATHON_40_TO_75)
    assert targets[11].is_race_week
    assert [t.distance_m for t in targets[12:]] == pytest.approx([22_500.0, 37_500.0])
    assert [t.long_run_distance_m for t in targets[12:]] == [0.0, 0.0]


def test_long_run_grows_by_at_most_the_jump_cap_from_the_current_long_run() -> None:
    settings = dataclasses.replace(
        MARATHON_40_TO_75,
        race_distance_m=HALF_MARATHON_M,
        current_weekly_distance_m=60_000.0,
        peak_weekly_distance_m=60_000.0,
        current_long_run_m=8_000.0,
        max_long_run_increase_m=2_000.0,
    )
    targets = weekly_targets(phase_layout(16, HALF_MARATHON_M), settings)
    km = [t.long_run_distance_m / 1000 for t in targets[:7]]
    assert km == pytest.approx([10, 12, 14, 10.5, 16, 18, 18])


@pytest.mark.parametrize(
    ("weekly_km", "distance_m", "pace", "long_km"),
    [
        (40, HALF_MARATHON_M, 360, 12.0),  # 30 %
        (64, HALF_MARATHON_M, 360, 19.2),  # 30 % at the 40-mile knee
        (70, HALF_MARATHON_M, 360, 19.2),  # held until 25 % catches up
        (100, HALF_MARATHON_M, 360, 25.0),  # 25 %
        (100, 5_000.0, 360, 25.0),
        (70, MARATHON_M, 360, 21.0),  # marathon: 30 % at any volume
        (110, MARATHON_M, 330, 27.2727),  # 150 min at 5:30/km
        (200, HALF_MARATHON_M, 300, 30.0),  # 150 min at 5:00/km
    ],
)
def test_long_run_limit_is_daniels_share_of_volume_and_at_most_150_minutes(
    weekly_km: float, distance_m: float, pace: float, long_km: float
) -> None:
    limit_km = long_run_limit_m(weekly_km * 1000, distance_m, pace) / 1000
    assert limit_km == pytest.approx(long_km, abs=1e-4)


@pytest.mark.parametrize(
    ("distance_m", "peak_km", "minutes"),
    [(MARATHON_M, 90, 180), (MARATHON_M, 89, 150), (HALF_MARATHON_M, 120, 150)],
)
def test_only_marathoners_at_90_km_a_week_may_run_180_minutes(
    distance_m: float, peak_km: float, minutes: float
) -> None:
    assert long_run_max_s(distance_m, peak_km * 1000) == minutes * 60
    limit_m = long_run_limit_m(200_000, distance_m, 300, long_run_max_s(distance_m, peak_km * 1000))
    assert limit_m == pytest.approx(minutes * 60 / 300 * 1000)


def test_initial_long_run_is_the_given_one_or_the_limit_at_current_volume() -> None:
    assert initial_long_run_m(MARATHON_40_TO_75) == pytest.approx(12_000.0)
    given = dataclasses.replace(MARATHON_40_TO_75, current_long_run_m=18_000.0)
    assert initial_long_run_m(given) == 18_000.0


@pytest.mark.parametrize(
    ("distance_m", "level", "current_km", "weeks", "peak_km"),
    [
        (5_000.0, "beginner", 20, 16, 30),  # the table
        (10_000.0, "advanced", 20, 48, 70),
        (HALF_MARATHON_M, "intermediate", 20, 24, 60),
        (MARATHON_M, "advanced", 20, 48, 110),
        # 16 weeks hold 8 growth weeks (13 before the taper, less cutbacks and the first)
        (10_000.0, "advanced", 20, 16, 20 * 1.1**8),
        (MARATHON_M, "beginner", 80, 16, 88),  # 10 % over the current volume
        (HALF_MARATHON_M, "intermediate", 60, 18, 66),
        (MARATHON_M, "beginner", 80, 12, 80),  # under 16 weeks: never below the current
    ],
)
def test_default_peak_volume_rises_from_the_current_volume_by_race_and_level(
    distance_m: float, level: str, current_km: float, weeks: int, peak_km: float
) -> None:
    peak_m = default_peak_weekly_distance_m(distance_m, level, current_km * 1000, weeks=weeks)
    assert peak_m == pytest.approx(peak_km * 1000)


@pytest.mark.parametrize(
    ("phase", "level", "cutback", "race_week", "count"),
    [
        ("base", "beginner", False, False, 0),
        ("base", "advanced", False, False, 1),
        ("build", "beginner", False, False, 1),
        ("build", "intermediate", False, False, 2),
        ("peak", "advanced", False, False, 3),
        ("peak", "advanced", True, False, 2),
        ("build", "beginner", True, False, 1),
        ("taper", "advanced", False, False, 2),
        ("taper", "advanced", False, True, 1),
        ("recovery", "advanced", False, False, 0),
    ],
)
def test_quality_sessions_by_phase_and_level(
    phase: str, level: str, cutback: bool, race_week: bool, count: int
) -> None:
    assert quality_sessions(phase, level, is_cutback=cutback, is_race_week=race_week) == count


@pytest.mark.parametrize(
    ("layout", "every", "cutbacks"),
    [
        # every 4th week of each phase, counted from the phase's first week
        ((("base", 5), ("build", 5), ("peak", 3), ("taper", 2)), 4, (4, 9)),
        # never the week before the taper
        ((("base", 4), ("build", 4), ("peak", 4), ("taper", 2)), 4, (4, 8)),
        ((("base", 6), ("build", 6), ("peak", 3), ("taper", 2)), 3, (3, 6, 9, 12)),
        ((("base", 6), ("build", 6), ("peak", 3), ("taper", 2)), 0, ()),
    ],
)
def test_cutback_weeks_fall_on_every_nth_week_inside_a_phase(
    layout: tuple[tuple[str, int], ...], every: int, cutbacks: tuple[int, ...]
) -> None:
    phases = [phase for phase, count in layout for _ in range(count)]
    flags = cutback_weeks(phases, every)
    assert tuple(i for i, flag in enumerate(flags, start=1) if flag) == cutbacks


def test_a_layout_too_short_for_growth_holds_the_current_volume_then_tapers() -> None:
    targets = weekly_targets(("base", "taper"), MARATHON_40_TO_75)
    assert [t.distance_m for t in targets] == pytest.approx([40_000.0, 20_000.0])


def test_a_taper_longer_than_three_weeks_is_refused() -> None:
    with pytest.raises(InvalidInput, match="at most 3 weeks"):
        weekly_targets(("base",) * 8 + ("taper",) * 4, MARATHON_40_TO_75)
