"""Planned versus done: per session and per week."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

COMPLETED_MIN, EXCEEDED_ABOVE = 0.8, 1.2


@dataclass(frozen=True, slots=True)
class Compliance:
    """How a done session compares with its plan (ratio of distance, else of duration)."""

    status: str  # completed, partial, exceeded, missed, unplanned
    ratio: float | None


def session_compliance(
    planned_duration_s: float | None,
    planned_distance_m: float | None,
    done_duration_s: float | None,
    done_distance_m: float | None,
) -> Compliance:
    """Compliance of one session: completed within ±20 %, partial below, exceeded above."""
    if not done_duration_s:
        return Compliance(
            "missed" if planned_duration_s or planned_distance_m else "unplanned", 0.0
        )
    if planned_distance_m and done_distance_m:
        ratio = done_distance_m / planned_distance_m
    elif planned_duration_s:
        ratio = done_duration_s / planned_duration_s
    else:
        return Compliance("unplanned", None)
    if ratio < COMPLETED_MIN:
        return Compliance("partial", ratio)
    return Compliance("exceeded" if ratio > EXCEEDED_ABOVE else "completed", ratio)


def adherence_rate(statuses: Sequence[str]) -> float | None:
    """Share of planned sessions completed (partial counts half; None without planned sessions)."""
    planned = [s for s in statuses if s != "unplanned"]
    if not planned:
        return None
    score = sum(
        1.0 if s in ("completed", "exceeded") else 0.5 if s == "partial" else 0.0 for s in planned
    )
    return score / len(planned)
