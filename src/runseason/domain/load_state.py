"""A day's training-load state from the previous day's alone (SCIENCE.md sections 4–5).

``next_day(previous, ...)`` gives a day's metrics without recomputing history, so a change is
followed forward from its day; ``training_load.series`` reproduces the same figures over arrays
(the tests hold the two to 1e-9).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from runseason.domain.training_load import (
    ACWR_MIN_DAYS,
    MONOTONY_DAYS,
    SPIKE_FLAG_RATIO,
    SPIKE_WINDOW_DAYS,
    LoadParams,
)

_DEFAULT_PARAMS = LoadParams()


@dataclass(frozen=True, slots=True)
class DayState:
    """One day's metrics plus the short windows the next day needs."""

    days: int
    load: float
    ctl: float
    atl: float
    form: float
    ramp: float | None
    acute_ewma: float
    chronic_ewma: float
    acwr_ewma: float | None
    acwr_coupled: float | None
    acwr_uncoupled: float | None
    monotony: float | None
    strain: float | None
    longest_run_m: float
    longest_run_m_30d: float | None
    spike_ratio: float | None
    spike_flag: bool
    recent_loads: tuple[float, ...]
    recent_ctl: tuple[float, ...]
    recent_longest_m: tuple[float, ...]


def _ewma(previous: float, value: float, rate: float) -> float:
    return previous + rate * (value - previous)


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator > 0 else None


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def monotony(
    loads: Sequence[float], sd: Literal["population", "sample"] = "population"
) -> float | None:
    """Foster (1998): mean / standard deviation of daily loads (rest days are 0).

    Plain float arithmetic (``math.fsum``): ``statistics.pstdev`` is exact but works in
    fractions, which made it half the cost of recomputing two years of metrics.
    """
    n = len(loads)
    if n < (2 if sd == "sample" else 1):
        raise ValueError("monotony needs at least one load (two for the sample SD)")
    return _monotony(loads, math.fsum(loads) / n, sd)


def _monotony(
    loads: Sequence[float], mean: float, sd: Literal["population", "sample"]
) -> float | None:
    """``monotony`` with the mean already known (the day's state needs it for ACWR too)."""
    n = len(loads)
    squares = math.fsum((x - mean) ** 2 for x in loads)
    deviation = math.sqrt(squares / (n - 1 if sd == "sample" else n))
    # Loads equal to within rounding have no meaningful spread.
    return mean / deviation if deviation > 1e-9 * max(1.0, abs(mean)) else None


def spike(longest_run_m: float, previous_longest_m: Sequence[float]) -> float | None:
    """A run's excess over the longest run of the previous 30 days (0.1 = 10 % longer)."""
    reference = max(previous_longest_m, default=0.0)
    if longest_run_m <= 0 or reference <= 0:
        return None
    return longest_run_m / reference - 1.0


def next_day(
    previous: DayState | None,
    load: float,
    longest_run_m: float = 0.0,
    params: LoadParams | None = None,
) -> DayState:
    """The metrics of a day from the previous day's state (None for the first day of data)."""
    p = params or _DEFAULT_PARAMS
    if previous is None:
        prev_ctl = prev_atl = 0.0
        acute = chronic = load  # EWMA seeded with the first day's load (Williams et al. 2017)
        loads: tuple[float, ...] = (load,)
        ctls: tuple[float, ...] = ()
        longest_hist: tuple[float, ...] = ()
        days = 1
    else:
        prev_ctl, prev_atl = previous.ctl, previous.atl
        acute = _ewma(previous.acute_ewma, load, 2.0 / (p.acute_span + 1))
        chronic = _ewma(previous.chronic_ewma, load, 2.0 / (p.chronic_span + 1))
        loads = (*previous.recent_loads, load)[-28:]
        ctls, longest_hist = previous.recent_ctl, previous.recent_longest_m
        days = previous.days + 1
    ctl = _ewma(prev_ctl, load, 1.0 / p.ctl_days)
    atl = _ewma(prev_atl, load, 1.0 / p.atl_days)
    ctls = (*ctls, ctl)[-8:]
    ratio = spike(longest_run_m, longest_hist[-SPIKE_WINDOW_DAYS:])
    week = loads[-MONOTONY_DAYS:]
    week_mean = _mean(week)
    mono = _monotony(week, week_mean, p.sd) if days >= MONOTONY_DAYS else None
    full = days >= ACWR_MIN_DAYS
    return DayState(
        days=days,
        load=load,
        ctl=ctl,
        atl=atl,
        form=prev_ctl - prev_atl,  # form shown for day d is CTL(d−1) − ATL(d−1)
        ramp=ctl - ctls[0] if len(ctls) == 8 else None,
        acute_ewma=acute,
        chronic_ewma=chronic,
        acwr_ewma=_ratio(acute, chronic) if full else None,
        acwr_coupled=_ratio(week_mean, _mean(loads)) if full else None,
        acwr_uncoupled=_ratio(week_mean, _mean(loads[:21])) if full else None,
        monotony=mono,
        strain=sum(week) * mono if mono is not None else None,
        longest_run_m=longest_run_m,
        longest_run_m_30d=max(longest_hist[-SPIKE_WINDOW_DAYS:], default=None),
        spike_ratio=ratio,
        spike_flag=ratio is not None and ratio > SPIKE_FLAG_RATIO,
        recent_loads=loads,
        recent_ctl=ctls,
        recent_longest_m=(*longest_hist, longest_run_m)[-SPIKE_WINDOW_DAYS:],
    )


def states(
    loads: Sequence[float],
    longest_runs_m: Sequence[float] | None = None,
    params: LoadParams | None = None,
    start: DayState | None = None,
) -> list[DayState]:
    """The state of every day of a history, continuing from ``start`` when given."""
    runs = longest_runs_m if longest_runs_m is not None else [0.0] * len(loads)
    out: list[DayState] = []
    state = start
    for load, run in zip(loads, runs, strict=True):
        state = next_day(state, load, run, params)
        out.append(state)
    return out
