"""Forward fitness: fitness, fatigue and form projected over the plan's daily loads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

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
