"""When two recordings are the same activity (a watch's file and Strava's row of the same run)."""

from __future__ import annotations

from datetime import datetime, timedelta

START_WINDOW = timedelta(minutes=2)
DISTANCE_TOLERANCE = 0.03  # devices and apps smooth a track differently: a few percent apart
DURATION_TOLERANCE = 0.03  # compared instead when either recording has no distance


def same_activity(
    a_start: datetime,
    a_distance_m: float | None,
    a_duration_s: float,
    b_start: datetime,
    b_distance_m: float | None,
    b_duration_s: float,
) -> bool:
    """Starts within two minutes and distances within 3 % (durations when a distance is missing)."""
    if abs(a_start - b_start) > START_WINDOW:
        return False
    if a_distance_m and b_distance_m:
        return _close(a_distance_m, b_distance_m, DISTANCE_TOLERANCE)
    if a_distance_m or b_distance_m:
        return False  # a GPS recording and one without distance are not matched by time alone
    return _close(a_duration_s, b_duration_s, DURATION_TOLERANCE)


def _close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * max(a, b)
