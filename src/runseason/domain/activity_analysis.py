"""What a session's samples say: moving time, climb, grade-adjusted pace, splits, best efforts.

Every figure is computed on a one-second grid (the samples interpolated), so devices that record
every second and those that record "smartly" at uneven intervals give the same answers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from runseason.domain.streams import Array, Streams

Mask = npt.NDArray[np.bool_]

MOVING_SPEED_M_S = 0.5  # slower than this (a stand, a traffic light) is not moving
PAUSE_GAP_S = 10.0  # a longer silence between samples is a pause, not a slow second
CLIMB_SMOOTHING_S = 10  # altitude is averaged over this window before climbs are summed
CLIMB_HYSTERESIS_M = 1.0  # a climb counts once the smoothed altitude has risen this much
GRADE_WINDOW_S = 10  # grade is measured over this many seconds either side
NORMALIZING_WINDOW_S = 30  # the rolling window of normalized pace (as in normalized power)
MAX_GRADE = 0.45  # the range Minetti et al. measured
MIN_GRADE_RUN_M = 5.0  # below this much distance in the grade window, the grade is taken as 0
BEST_EFFORT_DISTANCES_M: tuple[tuple[str, float], ...] = (
    ("400 m", 400.0),
    ("1 km", 1000.0),
    ("1 mile", 1609.344),
    ("5 km", 5000.0),
    ("10 km", 10000.0),
    ("Half marathon", 21097.5),
)


@dataclass(frozen=True, slots=True)
class Grid:
    """A session on a one-second grid: time, distance, altitude, heart rate and what moved."""

    time_s: Array
    distance_m: Array | None
    altitude_m: Array | None
    hr_bpm: Array | None
    moving: Mask  # per second: whether the runner moved


@dataclass(frozen=True, slots=True)
class Split:
    """One whole unit of distance (the last may be shorter) and how it was run."""

    number: int
    distance_m: float
    duration_s: float
    avg_hr: float | None
    elevation_change_m: float | None
    gap_s_per_km: float | None


def _interp(grid_t: Array, t: Array, values: Array | None) -> Array | None:
    if values is None:
        return None
    known = ~np.isnan(values)
    if known.sum() < 2:
        return None
    return np.interp(grid_t, t[known], values[known])


def _paused(grid_t: Array, t: Array, distance: Array | None) -> Mask:
    """Seconds inside a silence between samples during which the runner barely moved."""
    gaps = np.flatnonzero(np.diff(t) > PAUSE_GAP_S)
    paused = np.zeros(grid_t.shape, dtype=bool)
    for i in gaps:
        covered = 0.0 if distance is None else float(distance[i + 1] - distance[i])
        if np.isnan(covered) or covered < MOVING_SPEED_M_S * (t[i + 1] - t[i]):
            paused[(grid_t > t[i]) & (grid_t < t[i + 1])] = True
    return paused


def to_grid(streams: Streams) -> Grid:
    """The session interpolated to whole seconds from its first sample."""
    t = streams.columns["time_s"]
    grid_t = np.arange(0.0, float(np.floor(t[-1])) + 1.0) if len(t) else np.zeros(0)
    distance = streams.get("distance_m")
    grid_d = _interp(grid_t, t, distance)
    if grid_d is not None:
        grid_d = np.maximum.accumulate(grid_d)
        speed = np.gradient(grid_d) if len(grid_d) > 1 else np.zeros_like(grid_d)
        moving = (speed >= MOVING_SPEED_M_S) & ~_paused(grid_t, t, distance)
    else:
        moving = ~_paused(grid_t, t, None)
    return Grid(
        time_s=grid_t,
        distance_m=grid_d,
        altitude_m=_interp(grid_t, t, streams.get("altitude_m")),
        hr_bpm=_interp(grid_t, t, streams.get("hr_bpm")),
        moving=moving,
    )


def moving_time_s(grid: Grid) -> float:
    """Seconds spent moving (pauses and stands left out)."""
    return float(grid.moving.sum())


def _rolling_mean(values: Array, window: int) -> Array:
    if window <= 1 or len(values) < window:
        return values
    kernel = np.ones(window) / window
    padded = np.pad(values, (window // 2, window - 1 - window // 2), mode="edge")
    return np.convolve(padded, kernel, mode="valid")


def smoothed_altitude(grid: Grid) -> Array | None:
    """Altitude averaged over a short window, which removes the sensor's jitter."""
    if grid.altitude_m is None:
        return None
    return _rolling_mean(grid.altitude_m, CLIMB_SMOOTHING_S)


def elevation_gain_m(grid: Grid) -> float | None:
    """Total climb: smoothed altitude's rises, each counted once it exceeds the hysteresis."""
    altitude = smoothed_altitude(grid)
    if altitude is None or len(altitude) < 2:
        return None
    gain, reference = 0.0, float(altitude[0])
    for value in altitude[1:].tolist():
        if value - reference >= CLIMB_HYSTERESIS_M:
            gain += value - reference
            reference = value
        elif value < reference:
            reference = value  # the next climb is measured from the bottom of this descent
    return gain


def grade(grid: Grid) -> Array | None:
    """Rise over run at each second, from smoothed altitude and distance, within Minetti's range."""
    altitude = smoothed_altitude(grid)
    if altitude is None or grid.distance_m is None:
        return None
    w = GRADE_WINDOW_S
    ahead = np.concatenate([altitude[w:], np.repeat(altitude[-1:], min(w, len(altitude)))])
    behind = np.concatenate([np.repeat(altitude[:1], min(w, len(altitude))), altitude[:-w]])
    d = grid.distance_m
    d_ahead = np.concatenate([d[w:], np.repeat(d[-1:], min(w, len(d)))])
    d_behind = np.concatenate([np.repeat(d[:1], min(w, len(d))), d[:-w]])
    run = d_ahead[: len(d)] - d_behind[: len(d)]
    rise = ahead[: len(d)] - behind[: len(d)]
    slope = np.where(run >= MIN_GRADE_RUN_M, rise / np.maximum(run, 1e-9), 0.0)
    return np.clip(slope, -MAX_GRADE, MAX_GRADE)


def minetti_cost(slope: Array) -> Array:
    """Minetti et al. (2002): energy cost of running, J/kg/m, at gradient i (a fraction)."""
    i = slope
    return 155.4 * i**5 - 30.4 * i**4 - 43.3 * i**3 + 46.3 * i**2 + 19.5 * i + 3.6


def graded_speed(grid: Grid) -> Array | None:
    """Each second's flat-ground equivalent speed (speed × cost on the slope ÷ cost on the flat)."""
    if grid.distance_m is None or len(grid.distance_m) < 2:
        return None
    speed = np.gradient(grid.distance_m)
    slope = grade(grid)
    if slope is None:
        return speed
    return speed * minetti_cost(slope) / 3.6


def smooth_speed(speed: Array) -> Array:
    """Speed averaged over the normalizing window (a stride's jitter removed)."""
    return _rolling_mean(speed, NORMALIZING_WINDOW_S)


def normalized_graded_speed(grid: Grid) -> float | None:
    """Normalized graded speed: 30 s rolling mean of graded speed, to the 4th power, averaged,
    4th root (the normalized-power construction applied to pace), over the moving seconds."""
    speed = graded_speed(grid)
    if speed is None or not grid.moving.any():
        return None
    rolled = smooth_speed(speed)[grid.moving]
    value = float(np.mean(rolled**4) ** 0.25)
    return value if value > 0 else None
