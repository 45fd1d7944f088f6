"""Splits, time in zones, best efforts and heart-rate load from a session's one-second grid."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from runseason.domain.activity_analysis import (
    BEST_EFFORT_DISTANCES_M,
    Grid,
    Split,
    graded_speed,
    smoothed_altitude,
)
from runseason.domain.load import TRIMP_K, Sex
from runseason.domain.streams import Array

LTHR_TEST_S = 1800  # Friel's field test: 30 minutes all out, LTHR = mean of the last 20
LTHR_TAIL_S = 1200
# An observed HRmax is the highest heart rate held for MAX_HR_HOLD_S: every second of them at or
# above it. A glitch of the sensor (a few seconds of an optical sensor, or one stray sample among
# samples up to 5 s apart, interpolated on the grid) never holds that long, while a true maximum
# plateaus at the end of a hard effort: the held value is a beat or two under the peak (1 bpm in
# the fixtures' runs), an error on the safe side for zones.
MAX_HR_HOLD_S = 10
# A recording shorter than this (a stray start, a clip of strides, a sensor still settling)
# suggests no HRmax: a maximum comes at the end of a hard effort after a warm-up.
MAX_HR_MIN_SESSION_S = 600


@dataclass(frozen=True, slots=True)
class ZoneTime:
    """Seconds spent in one zone."""

    name: str
    seconds: float


def _mean(values: Array | None, start: int, stop: int) -> float | None:
    if values is None or stop <= start:
        return None
    return float(np.mean(values[start:stop]))


def splits(grid: Grid, unit_m: float) -> list[Split]:
    """Whole units of distance (1 km or 1 mile) with the time each took; the rest as a last one."""
    d = grid.distance_m
    if d is None or len(d) < 2 or d[-1] <= 0:
        return []
    t = grid.time_s
    marks = np.append(np.arange(unit_m, float(d[-1]), unit_m), float(d[-1]))
    ends = np.interp(marks, d, t)
    altitude = smoothed_altitude(grid)
    speed = graded_speed(grid)
    graded = np.concatenate([[0.0], np.cumsum(speed)]) if speed is not None else None
    result: list[Split] = []
    start_t, start_d = 0.0, 0.0
    for number, (mark, end_t) in enumerate(zip(marks.tolist(), ends.tolist(), strict=True), 1):
        i = round(start_t)
        j = max(round(end_t), i + 1)
        j = min(j, len(t) - 1)
        climb = None if altitude is None else float(altitude[j] - altitude[i])
        gap = None
        if graded is not None and graded[j] > graded[i]:
            gap = (end_t - start_t) / ((graded[j] - graded[i]) / 1000.0)
        result.append(
            Split(number, mark - start_d, end_t - start_t, _mean(grid.hr_bpm, i, j), climb, gap)
        )
        start_t, start_d = end_t, mark
    if len(result) > 1 and result[-1].distance_m < 1.0:
        result.pop()  # a few centimetres past the last whole unit are not a split
    return result


def time_in_zones(values: Array | None, zones: list[tuple[str, float]]) -> list[ZoneTime]:
    """Seconds per zone: a zone holds the seconds from its lower bound up to the next zone's.

    ``zones`` are (name, lower bound) from the lowest; a value below the first counts in it.
    """
    if values is None or not zones:
        return []
    lows = np.array([low for _name, low in zones[1:]])
    known = values[~np.isnan(values)]
    index = np.searchsorted(lows, known, side="right")
    counts = np.bincount(index, minlength=len(zones))
    return [ZoneTime(name, float(counts[k])) for k, (name, _low) in enumerate(zones)]


def best_efforts(grid: Grid) -> dict[str, float]:
    """The fastest time over each standard distance the session covered, in seconds."""
    d = grid.distance_m
    if d is None or len(d) < 2:
        return {}
    t = grid.time_s
    found: dict[str, float] = {}
    for label, length in BEST_EFFORT_DISTANCES_M:
        if d[-1] - d[0] < length:
            continue
        targets = d + length
        ends = np.searchsorted(d, targets, side="left")
        valid = ends < len(d)
        starts = np.flatnonzero(valid)
        j = ends[valid]
        # The end second is interpolated between the samples either side of the target distance.
        before = np.maximum(j - 1, 0)
        covered = d[j] - d[before]
        fraction = np.where(
            covered > 0, (targets[valid] - d[before]) / np.maximum(covered, 1e-9), 1.0
        )
        elapsed = t[before] + fraction * (t[j] - t[before]) - t[starts]
        found[label] = float(elapsed.min())
    return found


def trace_trimp(grid: Grid, hr_rest: float, hr_max: float, sex: Sex) -> float | None:
    """Banister TRIMP summed second by second over the heart-rate trace (moving seconds)."""
    if grid.hr_bpm is None or not 25 <= hr_rest < hr_max <= 240:
        return None
    hr = grid.hr_bpm[grid.moving]
    reserve = np.clip((hr - hr_rest) / (hr_max - hr_rest), 0.0, 1.0)
    return float(np.sum(reserve * 0.64 * np.exp(TRIMP_K[sex] * reserve)) / 60.0)


def threshold_heart_rate(grid: Grid) -> float | None:
    """Friel's field estimate of LTHR: the mean of the last 20 minutes of the hardest 30-minute
    stretch (highest mean heart rate); None for a session shorter than 30 minutes."""
    hr = grid.hr_bpm
    if hr is None or len(hr) < LTHR_TEST_S:
        return None
    sums = np.concatenate([[0.0], np.cumsum(hr)])
    window = sums[LTHR_TEST_S:] - sums[:-LTHR_TEST_S]
    start = int(np.argmax(window))
    tail_start = start + LTHR_TEST_S - LTHR_TAIL_S
    value = float(np.mean(hr[tail_start : start + LTHR_TEST_S]))
    return value if math.isfinite(value) else None


def observed_max_hr(grid: Grid) -> float | None:
    """The highest heart rate held for ``MAX_HR_HOLD_S`` seconds (a shorter spike is a sensor
    glitch); None for a session shorter than ``MAX_HR_MIN_SESSION_S``."""
    hr = grid.hr_bpm
    if hr is None or len(hr) < MAX_HR_MIN_SESSION_S:
        return None
    held = np.min(np.lib.stride_tricks.sliding_window_view(hr, MAX_HR_HOLD_S), axis=1)
    return float(held.max())
