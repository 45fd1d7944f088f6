"""Fitness, fatigue, form, ACWR, monotony, strain and run spikes (SCIENCE.md sections 4–5).

``series`` works out every day of a whole history as numpy arrays (``series_many`` for a batch of
histories at once); ``load_state.next_day`` is the same definition one day at a time, from the
previous day's state alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

ACWR_MIN_DAYS = 28  # ACWR is shown only after four weeks of data (SCIENCE.md §5)
MONOTONY_DAYS = 7
SPIKE_WINDOW_DAYS = 30
SPIKE_FLAG_RATIO = 0.10  # Frandsen et al. (2025): > 10 % above the longest run of 30 days
ACWR_CAUTION = (
    "ACWR describes a trend; it is not a validated injury predictor (Lolli et al. 2019; "
    "Impellizzeri et al. 2020). Single-run spikes against the longest run of the last 30 days "
    "predicted injury better in a 5,205-runner cohort (Frandsen et al. 2025)."
)


@dataclass(frozen=True, slots=True)
class LoadParams:
    """Time constants and conventions (TrainingPeaks CTL/ATL; Williams et al. 2017 EWMA)."""

    ctl_days: float = 42.0
    atl_days: float = 7.0
    acute_span: float = 7.0
    chronic_span: float = 28.0
    sd: Literal["population", "sample"] = "population"


_DEFAULT_PARAMS = LoadParams()


SERIES_FIELDS = (
    "load",
    "ctl",
    "atl",
    "form",
    "ramp",
    "acute_ewma",
    "chronic_ewma",
    "acwr_ewma",
    "acwr_coupled",
    "acwr_uncoupled",
    "monotony",
    "strain",
    "longest_run_m_30d",
    "spike_ratio",
)


def _windows(values: NDArray[np.float64], width: int) -> NDArray[np.float64]:
    """Row ``i`` holds ``values[i - width + 1 : i + 1]``, zeros before the first day (along the
    last axis: a 2-D ``values`` is one history per row)."""
    padded = np.concatenate((np.zeros((*values.shape[:-1], width - 1)), values), axis=-1)
    return np.lib.stride_tricks.sliding_window_view(padded, width, axis=-1)


def _divide(numerator: NDArray[np.float64], denominator: NDArray[np.float64]) -> NDArray[Any]:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / denominator, np.nan)


def series(
    loads: Sequence[float] | NDArray[np.float64],
    longest_runs_m: Sequence[float] | NDArray[np.float64] | None = None,
    params: LoadParams | None = None,
    last: int | None = None,
) -> dict[str, NDArray[Any]]:
    """Every day's metrics of a whole history as arrays, NaN where ``next_day`` gives None.

    Day 0 is the first day of data. The same definitions as ``next_day`` (the tests hold the two
    to 1e-9): the recurrences run as one loop over the days, the windows (7, 21, 28 and 30 days)
    as numpy over all days at once, so two years cost about a millisecond instead of ~6 ms of
    per-day states. Keys: ``SERIES_FIELDS`` plus ``spike_flag`` (bool) and ``days`` (1, 2, ...).

    With ``last``, the windowed figures (monotony, strain, the coupled ACWRs, the 30-day longest
    run and the spike) are worked out for the last ``last`` days only and are NaN (False for the
    flag) before them: a refresh that wants today's week needs no window over two years.
    """
    p = params or _DEFAULT_PARAMS
    x, runs = _checked(loads, longest_runs_m)
    n = x.size
    if n == 0:
        return _empty_series()
    ctl, atl, acute, chronic = (np.zeros(n) for _ in range(4))
    k_ctl, k_atl, k_acute, k_chronic = _rates(p)
    c = a = 0.0
    ac = ch = float(x[0])  # EWMA seeded with the first day's load
    for i, value in enumerate(x.tolist()):
        c += k_ctl * (value - c)
        a += k_atl * (value - a)
        if i:
            ac += k_acute * (value - ac)
            ch += k_chronic * (value - ch)
        ctl[i], atl[i], acute[i], chronic[i] = c, a, ac, ch
    return _series_from(x, runs, (ctl, atl, acute, chronic), p, last)


_MANY = 8  # from this many histories on, stepping through them together is faster


def series_many(
    histories: Sequence[tuple[NDArray[np.float64], NDArray[np.float64]]],
    params: LoadParams | None = None,
    last: int | None = None,
) -> list[dict[str, NDArray[Any]]]:
    """``series`` of many histories (loads, longest runs) at once, the same figures bit for bit.

    The recurrences step through the days of all histories together (one numpy operation per day
    for the whole batch instead of one Python step per day per history); the histories are
    aligned on their last day, and each seeds its EWMA on its own first day.
    """
    p = params or _DEFAULT_PARAMS
    if len(histories) < _MANY:  # a numpy step per day costs more than a few Python loops
        return [series(loads, runs, p, last) for loads, runs in histories]
    checked = [_checked(loads, runs) for loads, runs in histories]
    states, width = _recurrences_together(checked, p), max(x.size for x, _ in checked)
    windowed = _windowed_together(checked, p, last)
    out = []
    for row, (x, runs) in enumerate(checked):
        if x.size == 0:
            out.append(_empty_series())
            continue
        begin = width - x.size
        ctl, atl, acute, chronic = (states[begin:, k, row].copy() for k in range(4))
        out.append(_series_from(x, runs, (ctl, atl, acute, chronic), p, last, windowed[row]))
    return out


def _recurrences_together(
    checked: list[tuple[NDArray[np.float64], NDArray[np.float64]]], p: LoadParams
) -> NDArray[np.float64]:
    """CTL, ATL and the acute and chronic EWMA of every history by day: (days, 4, histories),
    the histories aligned on their last day."""
    width = max((x.size for x, _ in checked), default=0)
    table = np.zeros((len(checked), width))
    seeded: dict[int, list[int]] = {}  # day -> the histories whose first day it is
    for row, (x, _) in enumerate(checked):
        table[row, width - x.size :] = x
        seeded.setdefault(width - x.size, []).append(row)
    # The four recurrences of every history step together: a day is three numpy operations on
    # one (4, histories) array, not a dozen on four vectors.
    rates = np.array(_rates(p))[:, None]
    state, step = np.zeros((4, len(checked))), np.zeros((4, len(checked)))
    states = np.zeros((width, 4, len(checked)))
    for i in range(width):
        value = table[:, i]
        # Before a history's first day its loads are zeros and its states stay zero.
        np.subtract(value, state, out=step)
        step *= rates
        state += step
        first = seeded.get(i)
        if first is not None:  # each EWMA is seeded with its history's first load
            state[2:, first] = value[first]
        states[i] = state
    return states


def _windowed_together(
    checked: list[tuple[NDArray[np.float64], NDArray[np.float64]]],
    p: LoadParams,
    last: int | None,
) -> dict[int, dict[str, NDArray[Any]]]:
    """The windowed figures of each history, worked out together for the histories with as
    many days to work out (the usual case: a batch wants the same last days), one per row."""
    groups: dict[int, list[int]] = {}
    for row, (x, _) in enumerate(checked):
        if x.size:
            groups.setdefault(x.size - _window_start(x.size, last)[1], []).append(row)
    windowed: dict[int, dict[str, NDArray[Any]]] = {}
    for length, rows in groups.items():
        sizes = [checked[row][0].size for row in rows]
        together = _windowed(
            np.stack([checked[row][0][-length:] for row in rows]),
            np.stack([checked[row][1][-length:] for row in rows]),
            np.stack([np.arange(n - length + 1, n + 1) for n in sizes]),
            p,
        )
        for k, row in enumerate(rows):
            windowed[row] = {name: values[k] for name, values in together.items()}
    return windowed


def _checked(
    loads: Sequence[float] | NDArray[np.float64],
    longest_runs_m: Sequence[float] | NDArray[np.float64] | None,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    x = np.asarray(loads, dtype=np.float64)
    runs = np.zeros(x.size) if longest_runs_m is None else np.asarray(longest_runs_m, np.float64)
    if runs.shape != x.shape:
        raise ValueError("loads and longest runs must cover the same days")
    return x, runs


def _rates(p: LoadParams) -> tuple[float, float, float, float]:
    """The smoothing rates of CTL, ATL and the acute and chronic EWMAs."""
    return 1.0 / p.ctl_days, 1.0 / p.atl_days, 2.0 / (p.acute_span + 1), 2.0 / (p.chronic_span + 1)


def _empty_series() -> dict[str, NDArray[Any]]:
    empty = {name: np.zeros(0) for name in SERIES_FIELDS}
    return {**empty, "spike_flag": np.zeros(0, dtype=bool), "days": np.zeros(0, dtype=int)}


def _series_from(
    x: NDArray[np.float64],
    runs: NDArray[np.float64],
    recurrences: tuple[NDArray[np.float64], ...],
    p: LoadParams,
    last: int | None,
    windowed: dict[str, NDArray[Any]] | None = None,
) -> dict[str, NDArray[Any]]:
    """The series of one history from its recurrences (CTL, ATL, acute and chronic EWMA), and
    its ``_windowed`` figures unless given (``series_many`` works them out together)."""
    ctl, atl, acute, chronic = recurrences
    n = x.size
    days_ = np.arange(1, n + 1)
    form = np.concatenate(([0.0], (ctl - atl)[:-1]))
    ramp = np.full(n, np.nan)
    ramp[7:] = ctl[7:] - ctl[:-7]
    acwr_ewma = np.where(days_ >= ACWR_MIN_DAYS, _divide(acute, chronic), np.nan)
    out = {
        "load": x,
        "ctl": ctl,
        "atl": atl,
        "form": form,
        "ramp": ramp,
        "acute_ewma": acute,
        "chronic_ewma": chronic,
        "acwr_ewma": acwr_ewma,
        "days": days_,
    }
    tail, begin = _window_start(n, last)
    if windowed is None:
        windowed = _windowed(x[begin:], runs[begin:], days_[begin:], p)
    for name, values in windowed.items():
        if begin or tail < n:
            whole = np.full(n, False if values.dtype == bool else np.nan, dtype=values.dtype)
            whole[n - tail :] = values[values.size - tail :]
            out[name] = whole
        else:
            out[name] = values
    return out


def _window_start(n: int, last: int | None) -> tuple[int, int]:
    """How many last days of ``n`` get the windowed figures, and the first day their windows
    read: the 31 days before the first day wanted (the spike looks at the 30 days before a day).
    Before the first day of data the windows see zeros, as ``_windows`` pads."""
    tail = n if last is None else min(max(last, 0), n)
    return tail, max(0, n - tail - SPIKE_WINDOW_DAYS - 1)


def _windowed(
    x: NDArray[np.float64], runs: NDArray[np.float64], day: NDArray[Any], p: LoadParams
) -> dict[str, NDArray[Any]]:
    """The figures of the sliding windows, for the days given (each row ends on its day); along
    the last axis, so a 2-D ``x`` (with its ``runs`` and ``day``) is one history per row."""
    nan = np.full(x.shape, np.nan)
    last28 = _windows(x, 28)
    week = last28[..., -MONOTONY_DAYS:]
    week_mean = week.mean(axis=-1)
    spread = week.std(axis=-1, ddof=1 if p.sd == "sample" else 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mono = np.where(spread > 1e-9 * np.maximum(1.0, np.abs(week_mean)), week_mean / spread, nan)
    mono[day < MONOTONY_DAYS] = np.nan
    full = day >= ACWR_MIN_DAYS
    coupled = np.where(full, _divide(week_mean, last28.mean(axis=-1)), np.nan)
    uncoupled = np.where(full, _divide(week_mean, last28[..., :21].mean(axis=-1)), np.nan)
    # The longest run of the 30 days before each day (runs are >= 0, so zero padding is neutral).
    previous = np.concatenate((np.zeros((*runs.shape[:-1], 1)), runs[..., :-1]), axis=-1)
    reference = _windows(previous, SPIKE_WINDOW_DAYS).max(axis=-1)
    longest_30d = reference.copy()
    longest_30d[day == 1] = np.nan
    spike_ratio = np.where((runs > 0) & (reference > 0), _divide(runs, reference) - 1.0, np.nan)
    return {
        "acwr_coupled": coupled,
        "acwr_uncoupled": uncoupled,
        "monotony": mono,
        "strain": week.sum(axis=-1) * mono,
        "longest_run_m_30d": longest_30d,
        "spike_ratio": spike_ratio,
        "spike_flag": np.nan_to_num(spike_ratio, nan=0.0) > SPIKE_FLAG_RATIO,
    }
