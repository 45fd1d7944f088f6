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
"""

from __future__ import annotations

import math

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
