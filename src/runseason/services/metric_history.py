"""An athlete's daily metrics: the stored day rows plus what follows from them, computed on read.

``daily_metrics`` stores what each day's logs, plan and check-in say (load, duration, distance,
planned load, the longest run, readiness) and the day's risk. Fitness, fatigue, form, ACWR,
monotony, strain and run spikes depend on the whole history before a day, so they are computed
here from the stored loads in one numpy pass (``domain.training_load.series``, about 0.5 ms for two
years) instead of being stored and rewritten after every back-dated edit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby
from operator import itemgetter
from typing import Any

import numpy as np
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from runseason.db.models import DailyMetric
from runseason.domain.training_load import SERIES_FIELDS, series

# What the refresh aggregates from the logs, the plan and the check-ins, and what the risk engine
# writes; a stored day is ``STORED`` in this order (``StoredDay`` rows follow it).
INPUTS = (
    "load",
    "duration_s",
    "distance_m",
    "sessions",
    "planned_load",
    "longest_run_m",
    "readiness_score",
    "readiness_band",
)
RISK = ("risk", "risk_bucket", "confidence")
STORED = ("day", *INPUTS, *RISK)
StoredDay = Sequence[Any]
_COLUMNS = tuple(getattr(DailyMetric, name) for name in STORED)
_DAY, _LOAD, _LONGEST = STORED.index("day"), STORED.index("load"), STORED.index("longest_run_m")
_DERIVED = tuple(name for name in SERIES_FIELDS if name != "load")
_NOTHING_STORED = (0.0, 0.0, 0.0, 0, 0.0, 0.0, None, None, None, None, None)  # a day off, no row


@dataclass(frozen=True, slots=True)
class DayMetrics:
    """One day of an athlete's metrics: the stored inputs and risk, then the derived values."""

    day: date
    load: float
    duration_s: float
    distance_m: float
    sessions: int
    planned_load: float
    longest_run_m: float
    readiness_score: float | None
    readiness_band: str | None
    risk: float | None
    risk_bucket: str | None
    confidence: float | None
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
    longest_run_m_30d: float | None
    spike_ratio: float | None
    spike_flag: bool
    days_of_data: int


_ALL_DAYS = (
    select(*_COLUMNS)
    .where(DailyMetric.athlete_id == bindparam("athlete"))
    .order_by(DailyMetric.day)
)
_DAYS_UNTIL = (
    select(*_COLUMNS)
    .where(DailyMetric.athlete_id == bindparam("athlete"), DailyMetric.day <= bindparam("end"))
    .order_by(DailyMetric.day)
)


_DAYS_OF = (
    select(DailyMetric.athlete_id, *_COLUMNS)
    .where(DailyMetric.athlete_id.in_(bindparam("athletes", expanding=True)))
    .order_by(DailyMetric.athlete_id, DailyMetric.day)
)


def stored_days_of(session: Session, athlete_ids: Sequence[int]) -> dict[int, list[StoredDay]]:
    """Every stored day of each athlete, oldest first, as ``STORED``: one read for a batch."""
    out: dict[int, list[StoredDay]] = {athlete_id: [] for athlete_id in athlete_ids}
    if not athlete_ids:
        return out
    rows = session.execute(_DAYS_OF, {"athletes": list(athlete_ids)})
    for athlete_id, group in groupby(rows, key=itemgetter(0)):
        out[athlete_id] = [row[1:] for row in group]
    return out


def stored_days(session: Session, athlete_id: int, end: date | None = None) -> list[StoredDay]:
    """The athlete's stored days up to ``end`` (all without it), oldest first, as ``STORED``."""
    if end is None:
        return list(session.execute(_ALL_DAYS, {"athlete": athlete_id}))
    return list(session.execute(_DAYS_UNTIL, {"athlete": athlete_id, "end": end}))


def compute(rows: Sequence[StoredDay], start: date, end: date) -> list[DayMetrics]:
    """The metrics of each day from ``start`` to ``end`` that the history covers.

    ``rows`` are the stored days, oldest first. The history begins at the first row; a day with no
    row inside it is a day without training (zero load), as it is for the athlete.
    """
    if not rows:
        return []
    first: date = rows[0][_DAY]
    last: date = rows[-1][_DAY]
    n = (last - first).days + 1
    loads, runs = np.zeros(n), np.zeros(n)
    index: dict[int, StoredDay] = {}
    for row in rows:
        i = (row[_DAY] - first).days
        loads[i], runs[i] = row[_LOAD], row[_LONGEST]
        index[i] = row
    arrays = series(loads, runs)
    lo, hi = max((start - first).days, 0), min((end - first).days, n - 1)
    if hi < lo:
        return []
    derived = [_optional(arrays[name][lo : hi + 1].tolist()) for name in _DERIVED]
    flags = arrays["spike_flag"][lo : hi + 1].tolist()
    counts = arrays["days"][lo : hi + 1].tolist()
    out = []
    for k, i in enumerate(range(lo, hi + 1)):
        found = index.get(i)
        stored: Sequence[Any] = found[1:] if found is not None else _NOTHING_STORED
        fields: list[Any] = [first + timedelta(days=i), *stored]
        fields += [values[k] for values in derived]
        fields += [flags[k], counts[k]]
        out.append(DayMetrics(*fields))
    return out


def read(session: Session, athlete_id: int, start: date, end: date) -> list[DayMetrics]:
    """The athlete's metrics from ``start`` to ``end`` (computed from the whole history)."""
    return compute(stored_days(session, athlete_id, end), start, end)


def latest(session: Session, athlete_id: int, end: date) -> DayMetrics | None:
    """The metrics of the athlete's last stored day up to ``end`` (None without any)."""
    rows = stored_days(session, athlete_id, end)
    if not rows:
        return None
    last: date = rows[-1][_DAY]
    return compute(rows, last, last)[-1]


def _optional(values: list[float]) -> list[float | None]:
    return [None if math.isnan(v) else v for v in values]
