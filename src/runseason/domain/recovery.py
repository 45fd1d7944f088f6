"""Recovery signals of the check-in against the athlete's own norm: HRV, resting HR, sleep hours.

Each signal compares this morning with the athlete's trailing window (docs/science.md "Recovery
signals"). A history that never varies has a standard deviation of zero; a floor on the SD keeps
the item (a change from a perfectly steady norm is then measured in floor units) instead of
dropping it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Days before today in the HRV trend's 7-day mean.
RECENT_DAYS = 6


@dataclass(frozen=True, slots=True)
class Factor:
    """One reason behind the score."""

    item: str
    value: float
    z: float | None
    flag: str  # "ok", "yellow" or "red"
    text: str


@dataclass(frozen=True, slots=True)
class RecoveryParams:
    """Windows, SD floors and thresholds of the recovery signals."""

    baseline_min_days: int = 14
    baseline_window_days: int = 28
    hrv_yellow_sd: float = 1.0
    hrv_red_sd: float = 2.0
    hrv_sd_floor: float = 0.05
    rhr_rise_bpm: float = 5.0
    rhr_rise_z: float = 2.0
    rhr_sd_floor: float = 2.5
    sleep_minimum_h: float = 4.0
    sleep_target_h: float = 8.0
    short_sleep_h: float = 6.0
    sleep_sd_floor: float = 0.5

    @property
    def history_days(self) -> int:
        """Days of earlier check-ins the signals read: the baseline and the HRV trend's week."""
        return self.baseline_window_days + RECENT_DAYS


def mean_sd(values: Sequence[float]) -> tuple[float, float]:
    """Mean and population SD in floating point.

    ``statistics.pstdev`` sums in exact fractions, which cost more than the rest of the score;
    floats are exact enough for a z-score shown to one decimal.
    """
    mean = math.fsum(values) / len(values)
    return mean, math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))


def baseline_z(
    value: float, history: Sequence[float], sd_floor: float, clip: float | None = None
) -> float | None:
    """z of ``value`` against ``history`` (population SD, never below ``sd_floor``), clipped."""
    if len(history) < 2:
        return None
    mean, sd = mean_sd(history)
    z = (value - mean) / max(sd, sd_floor)
    return z if clip is None else max(-clip, min(clip, z))


def _window(history: Sequence[float | None], p: RecoveryParams) -> list[float] | None:
    """The answered values of the trailing window, or None below the minimum of days."""
    answered = [v for v in history[-p.baseline_window_days :] if v is not None]
    return answered if len(answered) >= p.baseline_min_days else None


def hrv_factor(
    hrv_rmssd: float | None, history: Sequence[float | None], p: RecoveryParams
) -> Factor | None:
    """7-day mean of ln rMSSD against the 28 days before it: −1 SD yellow, −2 SD red."""
    logs = [math.log(v) for v in history if v is not None]
    # The baseline ends where the 7-day mean begins: a drop that lasts a week would otherwise
    # raise the baseline's SD with its own days and never reach −2 SD.
    baseline = logs[:-RECENT_DAYS][-p.baseline_window_days :]
    if hrv_rmssd is None or len(baseline) < p.baseline_min_days:
        return None
    # Plews et al. (2012): the 7-day rolling mean of ln rMSSD, today included
    recent = [*logs[-RECENT_DAYS:], math.log(hrv_rmssd)]
    z = baseline_z(math.fsum(recent) / len(recent), baseline, p.hrv_sd_floor)
    assert z is not None
    if z <= -p.hrv_red_sd:
        flag = "red"
    elif z <= -p.hrv_yellow_sd:
        flag = "yellow"
    else:
        flag = "ok"
    if flag == "ok":
        text = f"HRV {hrv_rmssd:.0f} ms, 7-day average within your normal range"
    else:
        text = f"HRV 7-day average {abs(z):.1f} SD below your norm (today {hrv_rmssd:.0f} ms)"
    return Factor("hrv", hrv_rmssd, z, flag, text)


def resting_hr_factor(
    resting_hr: int | None, history: Sequence[float | None], p: RecoveryParams
) -> Factor | None:
    """Morning resting heart rate: raised when ≥ 5 bpm or z ≥ 2 above the athlete's norm."""
    window = _window(history, p)
    if resting_hr is None or window is None:
        return None
    norm = mean_sd(window)[0]
    rise = resting_hr - norm
    z = baseline_z(resting_hr, window, p.rhr_sd_floor)
    assert z is not None
    raised = rise >= p.rhr_rise_bpm or z >= p.rhr_rise_z
    if raised:
        text = f"resting heart rate {resting_hr} bpm, {rise:.0f} bpm above your norm of {norm:.0f}"
    else:
        text = f"resting heart rate {resting_hr} bpm, near your norm of {norm:.0f}"
    # A raised resting heart rate is a worse sign, so its z enters the factor negated.
    return Factor("resting_hr", float(resting_hr), -z, "yellow" if raised else "ok", text)


def sleep_hours_factor(
    sleep_hours: float | None, history: Sequence[float | None], p: RecoveryParams
) -> Factor | None:
    """Hours slept: short below ``short_sleep_h``, and against the athlete's own norm."""
    if sleep_hours is None:
        return None
    window = _window(history, p)
    z = None if window is None else baseline_z(sleep_hours, window, p.sleep_sd_floor, 3.0)
    flag = "ok" if z is None or z > -1 else ("red" if z <= -2 else "yellow")
    text = f"slept {sleep_hours:g} h"
    if z is not None and z <= -1:
        text += f", {abs(z):.1f} SD below your norm"
    if sleep_hours < p.short_sleep_h:
        flag = "yellow" if flag == "ok" else flag
        text += f" (short: under {p.short_sleep_h:g} h)"
    return Factor("sleep_hours", sleep_hours, z, flag, text)
