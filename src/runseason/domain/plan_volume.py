"""Weekly volume, long-run distance and quality-session count for each week of a plan.

Rules (SCIENCE.md §8 and the sources named at each constant):

- Loaded weeks (base, build, peak) start at the athlete's current volume and grow at the steady
  weekly rate that reaches the peak weekly volume by the last loaded week of the build phase,
  never faster than ``max_weekly_increase`` over the previous loaded week. The 10 % default is
  convention, not evidence (Buist et al. 2008; Nielsen et al. 2014 found more than 30 % over two
  weeks risky), so the cap is a parameter. Peak-phase weeks hold the peak volume.
- The default peak rises from the current volume: the table's peak for the race and level, at
  least 10 % above the current volume over 16 weeks or more, and never more than the weekly cap
  can reach in the plan's loaded weeks. A coach who wants a flat plan sets the peak to the current
  volume.
- Cutbacks belong to phases: every ``cutback_every``-th week (0 = never) of base, build and peak,
  counted from the phase's first week, so a phase never opens with one, and never the week before
  the taper. A cutback runs volume and long run ``cutback_reduction`` (20–30 %) below the last
  loaded week; it is a dip, not a new baseline: the next loaded week grows from the last loaded one.
- Taper weeks cut volume about 25 % then 50 % below the last loaded week (three weeks: 25, 40,
  55 %), keeping intensity and frequency (Bosquet et al. 2007). The race week's volume excludes
  the race.
- The long run is at most 150 minutes at easy pace (180 for the marathon and longer at a peak of
  90 km a week or more) and 30 % of the weekly volume up to 64 km a week, easing to 25 % above
  (Daniels' rule, smoothed so it never drops as volume grows); for the marathon and longer it may
  be 30 % at any volume. It rises by at most ``max_long_run_increase_m`` over the previous loaded
  week's long run. No long run in race week.
- Optional recovery weeks after the race run at 30, 50, 60 and 70 % of the last loaded volume,
  easy running only (our default, a gradual return rather than a published constant).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from runseason.domain.plan_model import LEVELS, LOADING_PHASES, WeekTarget
from runseason.domain.plan_phases import LONG_RACE_MIN_M, SHORT_RACE_MAX_M
from runseason.errors import InvalidInput

# Bosquet et al. (2007): volume down progressively, to 41–60 % less in the race week.
TAPER_REDUCTIONS: dict[int, tuple[float, ...]] = {
    0: (),
    1: (0.50,),
    2: (0.25, 0.50),
    3: (0.25, 0.40, 0.55),
}
# Our default return to running after the A race (fraction of the last loaded volume).
RECOVERY_FRACTIONS = (0.30, 0.50, 0.60, 0.70)
# Daniels' Running Formula: long run ≤ 150 min, ≤ 30 % of weekly volume below 40 mi (64 km).
LONG_RUN_MAX_S = 150 * 60.0
# Our default: a marathoner at 90 km a week or more may run 180 minutes.
LONG_RUN_MAX_S_HIGH_VOLUME = 180 * 60.0
HIGH_VOLUME_M = 90_000.0
# Our default: the default peak rises at least 10 % over a plan of 16 weeks or more.
MIN_RISE = 0.10
MIN_RISE_WEEKS = 16
LONG_RUN_SHARE_LOW = 0.30
LONG_RUN_SHARE_HIGH = 0.25
LONG_RUN_SHARE_KNEE_M = 64_000.0

# Quality sessions per week by phase and level (our defaults; Daniels' phase I is easy running
# and strides, phases II–III carry two or three quality days, the taper keeps intensity).
QUALITY_BY_PHASE: dict[str, tuple[int, int, int]] = {
    "base": (0, 1, 1),
    "build": (1, 2, 2),
    "peak": (1, 2, 3),
    "taper": (1, 1, 2),
    "recovery": (0, 0, 0),
}
# Default peak weekly volume (km) by race band and level when the coach gives none (our defaults,
# in line with common published plans: beginner / intermediate / advanced).
DEFAULT_PEAK_KM: dict[str, tuple[float, float, float]] = {
    "short": (30.0, 50.0, 70.0),
    "middle": (40.0, 60.0, 90.0),
    "long": (50.0, 75.0, 110.0),
}


@dataclass(frozen=True, slots=True)
class VolumeSettings:
    """The volume knobs of a request, resolved (peak volume filled in)."""

    race_distance_m: float
    current_weekly_distance_m: float
    peak_weekly_distance_m: float
    level: str
    easy_pace_s_per_km: float
    cutback_every: int = 4
    cutback_reduction: float = 0.25
    max_weekly_increase: float = 0.10
    max_long_run_increase_m: float = 3000.0
    current_long_run_m: float | None = None

    def long_run_max_s(self) -> float:
        """The long run's time cap: 180 minutes for high-volume marathoners, else 150."""
        return long_run_max_s(self.race_distance_m, self.peak_weekly_distance_m)


def long_run_max_s(race_distance_m: float, peak_weekly_distance_m: float) -> float:
    """150 minutes, or 180 for the marathon and longer at a peak of 90 km a week or more."""
    if race_band(race_distance_m) == "long" and peak_weekly_distance_m >= HIGH_VOLUME_M:
        return LONG_RUN_MAX_S_HIGH_VOLUME
    return LONG_RUN_MAX_S


def race_band(race_distance_m: float) -> str:
    """The distance band of a race: short (≤ 12 km), middle (< 30 km) or long."""
    if race_distance_m <= SHORT_RACE_MAX_M:
        return "short"
    return "middle" if race_distance_m < LONG_RACE_MIN_M else "long"


def default_peak_weekly_distance_m(
    race_distance_m: float,
    level: str,
    current_weekly_distance_m: float,
    *,
    weeks: int = MIN_RISE_WEEKS,
    max_weekly_increase: float = 0.10,
) -> float:
    """Peak weekly volume when the coach sets none: it rises from the current volume."""
    current_m = current_weekly_distance_m
    table_m = DEFAULT_PEAK_KM[race_band(race_distance_m)][LEVELS.index(level)] * 1000.0
    rise = MIN_RISE if weeks >= MIN_RISE_WEEKS else 0.0
    wanted_m = max(table_m, current_m * (1.0 + rise))
    # Growth weeks: the weeks before a taper of up to 3, less one cutback in four, less the first.
    growth_weeks = max((weeks - 3) * 3 // 4 - 1, 0)
    reachable_m = current_m * (1.0 + max_weekly_increase) ** growth_weeks
    return max(min(wanted_m, reachable_m), current_m)


def long_run_limit_m(
    weekly_distance_m: float,
    race_distance_m: float,
    easy_pace_s_per_km: float,
    max_s: float = LONG_RUN_MAX_S,
) -> float:
    """Longest long run a week of this volume allows (share of volume and the time cap)."""
    # Daniels' Running Formula: 30 % under 64 km/week, 25 % above, at most 150 min
    if race_band(race_distance_m) == "long":
        by_share = LONG_RUN_SHARE_LOW * weekly_distance_m
    else:
        knee_m = LONG_RUN_SHARE_LOW * LONG_RUN_SHARE_KNEE_M
        low = min(LONG_RUN_SHARE_LOW * weekly_distance_m, knee_m)
        by_share = max(LONG_RUN_SHARE_HIGH * weekly_distance_m, low)
    by_time = max_s / easy_pace_s_per_km * 1000.0
    return min(by_share, by_time)


def initial_long_run_m(settings: VolumeSettings) -> float:
    """The long run the athlete is assumed to manage now: given, or the limit at current volume."""
    if settings.current_long_run_m is not None:
        return settings.current_long_run_m
    start_m = min(settings.current_weekly_distance_m, settings.peak_weekly_distance_m)
    return long_run_limit_m(
        start_m, settings.race_distance_m, settings.easy_pace_s_per_km, settings.long_run_max_s()
    )


def quality_sessions(phase: str, level: str, *, is_cutback: bool, is_race_week: bool) -> int:
    """Quality sessions a week of this phase holds for an athlete of this level."""
    count = QUALITY_BY_PHASE[phase][LEVELS.index(level)]
    if is_race_week:
        return min(count, 1)
    if is_cutback:
        return max(min(count, 1), count - 1)
    return count


def cutback_weeks(phases: Sequence[str], cutback_every: int) -> tuple[bool, ...]:
    """Which weeks are cutbacks: every n-th week of a loading phase, never the week before taper."""
    flags: list[bool] = []
    in_phase = 0
    for index, phase in enumerate(phases):
        in_phase = in_phase + 1 if index and phases[index - 1] == phase else 1
        before_taper = index + 1 < len(phases) and phases[index + 1] == "taper"
        flags.append(
            cutback_every > 0
            and phase in LOADING_PHASES
            and in_phase % cutback_every == 0
            and not before_taper
        )
    return tuple(flags)


def weekly_targets(phases: Sequence[str], settings: VolumeSettings) -> tuple[WeekTarget, ...]:
    """Volume, long run and quality count for each week of a phase layout."""
    cutbacks = cutback_weeks(phases, settings.cutback_every)
    progression = _Progression(settings, _growth_rate(phases, cutbacks, settings))
    race_week = _race_week_index(phases)
    taper_steps = _taper_steps(phases.count("taper"))
    targets: list[WeekTarget] = []
    for index, phase in enumerate(phases, start=1):
        is_cutback = cutbacks[index - 1]
        if phase == "taper":
            ratio = 1.0 - taper_steps[0]
            volume_m, long_m = progression.taper(taper_steps[0], index == race_week)
            taper_steps = taper_steps[1:]
        elif phase == "recovery":
            ratio = RECOVERY_FRACTIONS[min(index - race_week - 1, len(RECOVERY_FRACTIONS) - 1)]
            volume_m, long_m = progression.recovery(index - race_week - 1)
        elif is_cutback:
            ratio = 1.0 - settings.cutback_reduction
            volume_m, long_m = progression.cutback()
        else:
            ratio = 1.0 + settings.max_weekly_increase
            volume_m, long_m = progression.loaded()
        quality = quality_sessions(
            phase, settings.level, is_cutback=is_cutback, is_race_week=index == race_week
        )
        week = WeekTarget(
            index,
            phase,
            is_cutback,
            phase == "taper",
            index == race_week,
            volume_m,
            long_m,
            quality,
            ratio,
        )
        targets.append(week)
    return tuple(targets)


def _growth_rate(
    phases: Sequence[str], cutbacks: Sequence[bool], settings: VolumeSettings
) -> float:
    """Weekly growth that reaches the peak by the end of the build, capped by the weekly limit."""
    loaded = sum(
        1
        for phase, is_cutback in zip(phases, cutbacks, strict=True)
        if phase in {"base", "build"} and not is_cutback
    )
    start_m = min(settings.current_weekly_distance_m, settings.peak_weekly_distance_m)
    if loaded <= 1 or start_m <= 0:
        return settings.max_weekly_increase
    # compound growth: start · (1 + r)^(n − 1) = peak
    needed = (settings.peak_weekly_distance_m / start_m) ** (1.0 / (loaded - 1)) - 1.0
    return min(settings.max_weekly_increase, float(needed))


def _race_week_index(phases: Sequence[str]) -> int:
    """1-based index of the race week: the last week before any recovery week."""
    return len(phases) - phases.count("recovery")


def _taper_steps(count: int) -> tuple[float, ...]:
    """Volume reductions for ``count`` taper weeks (at most 3, as Bosquet's review supports)."""
    if count not in TAPER_REDUCTIONS:
        raise InvalidInput(f"A taper lasts at most 3 weeks, not {count}.")
    return TAPER_REDUCTIONS[count]


class _Progression:
    """The running state of volume progression: the last loaded week's volume and long run."""

    def __init__(self, settings: VolumeSettings, growth_rate: float) -> None:
        self.settings = settings
        self.growth_rate = growth_rate
        self.loaded_m: float | None = None
        start_m = min(settings.current_weekly_distance_m, settings.peak_weekly_distance_m)
        self.base_m = start_m
        self.loaded_long_m = initial_long_run_m(settings)

    def _long_limit(self, volume_m: float) -> float:
        s = self.settings
        return long_run_limit_m(
            volume_m, s.race_distance_m, s.easy_pace_s_per_km, s.long_run_max_s()
        )

    def reference_m(self) -> float:
        """The last loaded volume, or the starting volume before the first loaded week."""
        return self.base_m if self.loaded_m is None else self.loaded_m

    def loaded(self) -> tuple[float, float]:
        """Next loaded week: grow at the plan's rate (at most the weekly cap), up to the peak."""
        s = self.settings
        if self.loaded_m is None:
            volume_m = self.base_m
        else:
            grown_m = self.loaded_m * (1.0 + self.growth_rate)
            volume_m = min(grown_m, s.peak_weekly_distance_m)
        long_m = min(self._long_limit(volume_m), self.loaded_long_m + s.max_long_run_increase_m)
        self.loaded_m, self.loaded_long_m = volume_m, long_m
        return volume_m, long_m

    def cutback(self) -> tuple[float, float]:
        """A cutback week: the last loaded week less the cutback reduction."""
        keep = 1.0 - self.settings.cutback_reduction
        return self.reference_m() * keep, self.loaded_long_m * keep

    def taper(self, reduction: float, is_race_week: bool) -> tuple[float, float]:
        """A taper week: the last loaded week less ``reduction``; no long run in race week."""
        volume_m = self.reference_m() * (1.0 - reduction)
        long_m = 0.0 if is_race_week else min(self._long_limit(volume_m), self.loaded_long_m)
        return volume_m, long_m

    def recovery(self, offset: int) -> tuple[float, float]:
        """The ``offset``-th recovery week after the race: easy volume, no long run."""
        fraction = RECOVERY_FRACTIONS[min(offset, len(RECOVERY_FRACTIONS) - 1)]
        return self.reference_m() * fraction, 0.0
