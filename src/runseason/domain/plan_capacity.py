"""How much running a week's free days can hold, so a week's target is one its sessions deliver.

A week holds fixed sessions (quality work and strides at their duration, B/C races, recovery
runs), one long run and easy runs. The long run is capped by time and by its jump over earlier
long runs, and takes at most a share of the week that depends on how many days the athlete runs
(our defaults): with five days or more Daniels' 25–30 % applies (it is already in the week's
long-run target); with fewer days the long run may carry more of the week, up to 40 % on four
days, 45 % on three, half on two. Easy runs are no longer than the long run, and on four days or
fewer no longer than three quarters of it (a medium-long run, after Pfitzinger), so a short week
is not three long runs. When the target is more than those sessions can hold, the target is
lowered to what they hold and the plan says so.

What a week holds depends on its fixed sessions, so with few days the capacity of successive
weeks rises and falls with the quality templates in rotation. A coach expects a staircase, so a
loaded week is held at what every loaded week after it can hold (``steady_ceilings``): the plan
rises only as far as it can stay, and only cutbacks and the taper come down.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

# Our defaults: the long run's largest share of a week of this many run days.
LONG_SHARE_BY_RUN_DAYS: dict[int, float] = {1: 1.0, 2: 0.50, 3: 0.45, 4: 0.40}
DEFAULT_LONG_SHARE = 0.30
# Our default: on four run days or fewer an easy run stays under 3/4 of the long run.
SHORT_WEEK_DAYS = 4
SHORT_WEEK_EASY_RATIO = 0.75


def long_share(run_days: int) -> float:
    """The long run's largest share of a week with this many run days."""
    return LONG_SHARE_BY_RUN_DAYS.get(run_days, DEFAULT_LONG_SHARE)


def easy_ratio(run_days: int) -> float:
    """The longest easy run of a week with this many run days, as a share of its long run."""
    return SHORT_WEEK_EASY_RATIO if run_days <= SHORT_WEEK_DAYS else 1.0


def week_capacity_m(
    *,
    fixed_m: float,
    long_cap_m: float,
    easy_days: int,
    share: float,
    has_long: bool,
    ratio: float = 1.0,
) -> float:
    """The most volume a week holds: fixed sessions, the long run and easy runs (``ratio``)."""
    if not has_long:
        return fixed_m + easy_days * long_cap_m
    by_cap = fixed_m + (1 + ratio * easy_days) * long_cap_m
    # With the long run at ``share`` of the week T: T = fixed + (1 + ratio·easy)·share·T at most.
    spread = share * (1 + ratio * easy_days)
    by_share = fixed_m / (1.0 - spread) if spread < 1.0 else math.inf
    return min(by_cap, by_share)


def steady_ceilings(loaded: Sequence[tuple[int, float, bool]]) -> dict[int, float]:
    """The loaded weeks (index, volume, regular) to hold lower, and the volume to hold them at.

    A regular week (all its usual days open, no race near) shows what the athlete's days hold
    week after week; a holiday or race week is a dip of its own and sets no ceiling. A week is
    held at the least volume of the regular weeks after it, so the loaded weeks never come down.
    """
    ceilings: dict[int, float] = {}
    lowest_m = math.inf
    for index, volume_m, regular in reversed(loaded):
        if volume_m > lowest_m:
            ceilings[index] = lowest_m
        if regular:
            lowest_m = min(lowest_m, volume_m)
    return ceilings
