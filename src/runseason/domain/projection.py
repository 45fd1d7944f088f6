"""Forward fitness: fitness, fatigue and form projected over the plan's daily loads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from runseason.domain.paces import equivalent_time_s
from runseason.domain.training_load import LoadParams


@dataclass(frozen=True, slots=True)
class ProjectedDay:
    """A future day's expected fitness (CTL), fatigue (ATL) and form if the plan is followed."""

    day: date
    planned_load: float
    ctl: float
    atl: float
    form: float


def project(
    start_day: date,
    ctl: float,
    atl: float,
    planned_loads: Sequence[float],
    params: LoadParams | None = None,
) -> list[ProjectedDay]:
    """Project from the state at the end of ``start_day − 1`` over consecutive planned loads."""
    p = params or LoadParams()
    out = []
    for offset, load in enumerate(planned_loads):
        form = ctl - atl
        ctl += (load - ctl) / p.ctl_days
        atl += (load - atl) / p.atl_days
        out.append(ProjectedDay(start_day + timedelta(days=offset), load, ctl, atl, form))
    return out


def daily_loads(
    start_day: date, end_day: date, sessions: Sequence[tuple[date, float]]
) -> list[float]:
    """Planned load per day from ``start_day`` to ``end_day`` inclusive (0 on rest days)."""
    days = (end_day - start_day).days + 1
    loads = [0.0] * max(days, 0)
    for day, load in sessions:
        index = (day - start_day).days
        if 0 <= index < days:
            loads[index] += load
    return loads


# Our default, not a published constant (docs/science.md, "On track for race day"): VDOT points
# gained per point of fitness (CTL) the plan adds, a range because the response differs between
# athletes; a gain is capped at a tenth of the current VDOT.
VDOT_PER_CTL = (0.05, 0.15)
MAX_GAIN_SHARE = 0.10


@dataclass(frozen=True, slots=True)
class OnTrack:
    """The plan's forward projection against the goal on race day."""

    race_day: date
    distance_m: float
    goal_time_s: float | None
    ctl_today: float
    ctl_race_day: float
    form_race_day: float
    vdot_now: float
    vdot_low: float
    vdot_high: float
    fast_s: float  # the predicted time at the larger expected gain
    slow_s: float  # the predicted time at the smaller expected gain
    verdict: str  # on track, within reach, behind, no goal time


def expected_vdot(vdot_now: float, ctl_gain: float) -> tuple[float, float]:
    """The VDOT range a change of fitness leads to (a loss of fitness lowers it alike)."""
    cap = vdot_now * MAX_GAIN_SHARE
    ends = [vdot_now + max(min(k * ctl_gain, cap), -cap) for k in VDOT_PER_CTL]
    return min(ends), max(ends)


def on_track(
    today: date,
    race_day: date,
    state: tuple[float, float],
    planned_loads: Sequence[float],
    vdot_now: float,
    distance_m: float,
    goal_time_s: float | None,
) -> OnTrack:
    """Project fitness to race day over the plan's loads (from tomorrow), and the race time.

    ``state`` is fitness and fatigue (CTL, ATL) at the end of ``today``; ``planned_loads`` holds
    one load a day from tomorrow to race day.
    """
    ctl, atl = state
    days = project(today + timedelta(days=1), ctl, atl, planned_loads)
    race = next((d for d in days if d.day == race_day), None)
    ctl_race = race.ctl if race else ctl
    form_race = race.form if race else ctl - atl
    low, high = expected_vdot(vdot_now, ctl_race - ctl)
    fast, slow = equivalent_time_s(high, distance_m), equivalent_time_s(low, distance_m)
    return OnTrack(
        race_day=race_day,
        distance_m=distance_m,
        goal_time_s=goal_time_s,
        ctl_today=ctl,
        ctl_race_day=ctl_race,
        form_race_day=form_race,
        vdot_now=vdot_now,
        vdot_low=low,
        vdot_high=high,
        fast_s=fast,
        slow_s=slow,
        verdict=_verdict(goal_time_s, fast, slow),
    )


def _verdict(goal_time_s: float | None, fast_s: float, slow_s: float) -> str:
    if goal_time_s is None:
        return "no goal time"
    if goal_time_s >= slow_s:
        return "on track"
    return "within reach" if goal_time_s >= fast_s else "behind"
