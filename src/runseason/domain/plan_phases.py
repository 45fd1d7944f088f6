"""How a plan's weeks divide into Base → Build → Peak → Taper.

Proportions of the preparation weeks (everything before the taper), by race distance band:

    race distance          base   build   peak
    up to 12 km            40 %   35 %    25 %   (speed and VO2max work need room late)
    12 km to under 30 km   45 %   35 %    20 %
    30 km and longer       50 %   30 %    20 %   (the aerobic base carries the marathon)

Each of base, build and peak first gets 3 weeks (Daniels' minimum per phase); the remaining weeks
go one at a time to the phase furthest below its share, ties to the earlier phase. Peak holds at
most 6 weeks and build at most 8: Daniels gives the extra time of a long preparation to base
(phase I), so from 24 weeks up base is the longest phase. When fewer than 9 preparation weeks
exist, phases are dropped in Daniels' order: Peak (his phase III) first, then Build (II), keeping
Base (I) and the taper (IV). Plans of 12–48 weeks always keep all four.

Taper length (Bosquet et al. 2007 found 8–14 days best; SCIENCE.md §8): 2 weeks for every race
distance, 3 weeks for the marathon and longer when the peak weekly volume is 90 km or more.
"""

from __future__ import annotations

from runseason.domain.plan_model import TRAINING_PHASES
from runseason.errors import InvalidInput

SHORT_RACE_MAX_M = 12_000.0
LONG_RACE_MIN_M = 30_000.0
HIGH_VOLUME_MARATHON_M = 90_000.0
MIN_PHASE_WEEKS = 3
MAX_PEAK_WEEKS = 6
MAX_BUILD_WEEKS = 8
MAX_LAYOUT_WEEKS = 48

# Our proportions of the preparation weeks (base, build, peak); see the module docstring.
_SHARES_SHORT = (0.40, 0.35, 0.25)
_SHARES_MIDDLE = (0.45, 0.35, 0.20)
_SHARES_LONG = (0.50, 0.30, 0.20)


def taper_weeks(race_distance_m: float, peak_weekly_distance_m: float | None = None) -> int:
    """Weeks of taper for a race distance (and, for the marathon, the peak weekly volume)."""
    # Bosquet et al. (2007): 8–14 days; up to 3 weeks for high-volume marathoners
    if race_distance_m < LONG_RACE_MIN_M:
        return 2
    if peak_weekly_distance_m is not None and peak_weekly_distance_m >= HIGH_VOLUME_MARATHON_M:
        return 3
    return 2


def phase_shares(race_distance_m: float) -> tuple[float, float, float]:
    """Shares of the preparation weeks for base, build and peak at this race distance."""
    if race_distance_m <= SHORT_RACE_MAX_M:
        return _SHARES_SHORT
    if race_distance_m < LONG_RACE_MIN_M:
        return _SHARES_MIDDLE
    return _SHARES_LONG


def phase_layout(
    total_weeks: int, race_distance_m: float, *, peak_weekly_distance_m: float | None = None
) -> tuple[str, ...]:
    """One phase name per week, in the order base → build → peak → taper."""
    if not 1 <= total_weeks <= MAX_LAYOUT_WEEKS:
        raise InvalidInput(f"A plan layout needs 1 to 48 weeks, not {total_weeks}.")
    if race_distance_m <= 0:
        raise InvalidInput("The race distance must be positive.")
    taper = min(taper_weeks(race_distance_m, peak_weekly_distance_m), total_weeks)
    counts = _split_preparation(total_weeks - taper, phase_shares(race_distance_m))
    layout: list[str] = []
    for phase, count in zip(TRAINING_PHASES, (*counts, taper), strict=True):
        layout.extend([phase] * count)
    return tuple(layout)


def _split_preparation(weeks: int, shares: tuple[float, float, float]) -> tuple[int, int, int]:
    """Base, build and peak week counts for the weeks before the taper."""
    if weeks < 2 * MIN_PHASE_WEEKS:
        return (weeks, 0, 0)  # Daniels: drop phase III, then II, before I and IV
    if weeks < 3 * MIN_PHASE_WEEKS:
        return (weeks - MIN_PHASE_WEEKS, MIN_PHASE_WEEKS, 0)
    counts = [MIN_PHASE_WEEKS] * 3
    caps = (weeks, MAX_BUILD_WEEKS, MAX_PEAK_WEEKS)
    for _ in range(weeks - 3 * MIN_PHASE_WEEKS):
        deficits = [
            weeks * share - count if count < cap else -float(weeks)
            for share, count, cap in zip(shares, counts, caps, strict=True)
        ]
        counts[deficits.index(max(deficits))] += 1
    return (counts[0], counts[1], counts[2])
