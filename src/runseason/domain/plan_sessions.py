"""Turning a chosen template and a day into a ``SessionDraft`` with targets and planned load.

Scalable templates (easy, recovery, long) get a distance from the builder and last that distance
at easy pace. Other templates keep their own duration and carry no distance; for volume they count
as their duration at easy pace (a conservative estimate, since quality work is faster). Races use
the goal time when one is given; B and C races scale it with Riegel's formula; with no goal, race
pace is estimated as 20 % faster than easy pace (a rough placeholder, flagged here on purpose).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta

from runseason.domain.plan_model import (
    RACE_CATEGORY,
    RACE_TEMPLATE_CODE,
    RPE_BY_CATEGORY,
    CatalogueEntry,
    SessionDraft,
    planned_load,
)

# Riegel (1981) endurance exponent, as in SCIENCE.md §2.
RIEGEL_EXPONENT = 1.06
# Our placeholder when no goal time exists: race pace 20 % faster than easy pace.
RACE_PACE_OVER_EASY = 0.8
ROUND_TO_M = 100.0


def floor_distance_m(distance_m: float) -> float:
    """A planned distance rounded down to whole 100 m, so rounding never exceeds a target."""
    return math.floor(distance_m / ROUND_TO_M + 1e-9) * ROUND_TO_M


def estimated_distance_m(entry: CatalogueEntry, easy_pace_s_per_km: float) -> float:
    """How far a fixed-duration template counts for volume: its duration at easy pace."""
    return entry.duration_s / easy_pace_s_per_km * 1000.0


def scaled_session(
    entry: CatalogueEntry,
    day: date,
    *,
    role: str,
    phase: str,
    distance_m: float,
    easy_pace_s_per_km: float,
) -> SessionDraft:
    """A session of a scalable template at a set distance, run at easy pace."""
    duration_s = distance_m / 1000.0 * easy_pace_s_per_km
    return SessionDraft(
        date=day,
        template_code=entry.code,
        category=entry.category,
        is_hard=entry.is_hard,
        role=role,
        distance_m=distance_m,
        duration_s=duration_s,
        planned_load=planned_load(entry.category, duration_s),
        phase=phase,
        target_pace_s_per_km=easy_pace_s_per_km,
        target_rpe=RPE_BY_CATEGORY[entry.category],
    )


def fixed_session(entry: CatalogueEntry, day: date, *, role: str, phase: str) -> SessionDraft:
    """A session of a fixed-duration template (quality work, strides)."""
    return SessionDraft(
        date=day,
        template_code=entry.code,
        category=entry.category,
        is_hard=entry.is_hard,
        role=role,
        distance_m=None,
        duration_s=entry.duration_s,
        planned_load=planned_load(entry.category, entry.duration_s),
        phase=phase,
        target_pace_s_per_km=None,
        target_rpe=RPE_BY_CATEGORY[entry.category],
    )


def race_duration_s(
    distance_m: float,
    *,
    goal_time_s: float | None,
    goal_distance_m: float,
    easy_pace_s_per_km: float,
) -> float:
    """Expected race time: the goal (scaled by Riegel to another distance) or an estimate."""
    if goal_time_s is None:
        return distance_m / 1000.0 * easy_pace_s_per_km * RACE_PACE_OVER_EASY
    # Riegel (1981): T2 = T1 · (D2 / D1)^1.06
    return goal_time_s * float((distance_m / goal_distance_m) ** RIEGEL_EXPONENT)


def race_session(day: date, *, distance_m: float, duration_s: float, phase: str) -> SessionDraft:
    """A race: hard, at its expected pace, with the race template code."""
    return SessionDraft(
        date=day,
        template_code=RACE_TEMPLATE_CODE,
        category=RACE_CATEGORY,
        is_hard=True,
        role="race",
        distance_m=distance_m,
        duration_s=duration_s,
        planned_load=planned_load(RACE_CATEGORY, duration_s),
        phase=phase,
        target_pace_s_per_km=duration_s / (distance_m / 1000.0),
        target_rpe=RPE_BY_CATEGORY[RACE_CATEGORY],
    )


def week_volume(sessions: Iterable[SessionDraft], *, pace_s_per_km: float | None = None) -> float:
    """Distance of these sessions; duration-only ones count at ``pace_s_per_km`` when given."""
    total_m = 0.0
    for session in sessions:
        if session.distance_m is not None:
            total_m += session.distance_m
        elif pace_s_per_km is not None:
            total_m += session.duration_s / pace_s_per_km * 1000.0
    return total_m


def is_hard_day(session: SessionDraft) -> bool:
    """Whether a session makes its day hard: a hard template, a race or the long run."""
    return session.is_hard or session.role in {"long", "race"}


def hard_day_conflicts(sessions: Iterable[SessionDraft]) -> tuple[date, ...]:
    """Every date with a hard session (the long run counts) next to another hard day."""
    hard_days = {s.date for s in sessions if is_hard_day(s)}
    return tuple(
        sorted(
            day
            for day in hard_days
            if day - timedelta(days=1) in hard_days or day + timedelta(days=1) in hard_days
        )
    )
