"""An athlete's daily metrics: the stored day rows plus what follows from them, computed on read.

``daily_metrics`` stores what each day's logs, plan and check-in say and the day's risk. Fitness,
fatigue, form, ACWR, monotony, strain and run spikes depend on the whole history before a day, so
they are computed here from the stored loads in one numpy pass (``domain.training_load.series``)
instead of being stored and rewritten after every back-dated edit.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Date, Select, and_, bindparam, func, select
from sqlalchemy.orm import Session

from runseason.db.models import DailyMetric, LoadSeries
from runseason.db.rows import RowsTable
from runseason.db.types import BigId
from runseason.domain.training_load import SERIES_FIELDS, series, series_many

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


class History:
    """An athlete's stored days as the metrics need them: every day's load and longest run as
    arrays from the first stored day, and the full rows of the days read in full (``metrics``
    works out days among those)."""

    __slots__ = ("changed", "first", "loads", "rows", "runs")

    def __init__(
        self,
        first: date | None,
        loads: NDArray[np.float64],
        runs: NDArray[np.float64],
        rows: dict[date, StoredDay],
    ) -> None:
        self.first = first
        self.loads = loads
        self.runs = runs
        self.rows = rows
        self.changed = False  # a load or a longest run differs from what was read

    @classmethod
    def of_rows(cls, rows: Sequence[StoredDay]) -> History:
        """The history of these stored days (oldest first), every one of them in full."""
        if not rows:
            return cls(None, np.zeros(0), np.zeros(0), {})
        first: date = rows[0][_DAY]
        n = (rows[-1][_DAY] - first).days + 1
        if n == len(rows):  # a row for every day, as the refresh writes them: no gaps to place
            loads = np.fromiter((row[_LOAD] for row in rows), np.float64, n)
            runs = np.fromiter((row[_LONGEST] for row in rows), np.float64, n)
        else:
            loads, runs = np.zeros(n), np.zeros(n)
            for row in rows:
                i = (row[_DAY] - first).days
                loads[i], runs[i] = row[_LOAD], row[_LONGEST]
        return cls(first, loads, runs, {row[_DAY]: row for row in rows})

    @property
    def last(self) -> date | None:
        """The last stored day."""
        if self.first is None:
            return None
        return self.first + timedelta(days=self.loads.size - 1)

    def put(self, row: StoredDay) -> None:
        """A day written (``STORED`` order): its row, load and longest run, the arrays widened."""
        day: date = row[_DAY]
        if self.first is None:
            self.first, self.loads, self.runs = day, np.zeros(1), np.zeros(1)
            self.changed = True
        elif not self.first <= day < self.first + timedelta(days=self.loads.size):
            first = min(self.first, day)
            n = (max(self.first + timedelta(days=self.loads.size - 1), day) - first).days + 1
            at = (self.first - first).days
            loads, runs = np.zeros(n), np.zeros(n)
            loads[at : at + self.loads.size], runs[at : at + self.runs.size] = self.loads, self.runs
            self.first, self.loads, self.runs = first, loads, runs
            self.changed = True
        i = (day - self.first).days
        if self.loads[i] != row[_LOAD] or self.runs[i] != row[_LONGEST]:
            self.loads[i], self.runs[i] = row[_LOAD], row[_LONGEST]
            self.changed = True
        self.rows[day] = row

    def metrics(self, start: date, end: date) -> list[DayMetrics]:
        """The metrics of each day from ``start`` to ``end`` that the history covers.

        The history begins at the first stored day; a day with no row inside it is a day without
        training (zero load), as it is for the athlete.
        """
        bounds = self._bounds(start, end)
        if bounds is None:
            return []
        lo, hi = bounds
        return self._assemble(series(self.loads, self.runs, last=self.loads.size - lo), lo, hi)

    def _bounds(self, start: date, end: date) -> tuple[int, int] | None:
        """The positions of ``start`` and ``end`` in the arrays, clipped; None when outside."""
        if self.first is None:
            return None
        n = self.loads.size
        lo, hi = max((start - self.first).days, 0), min((end - self.first).days, n - 1)
        return (lo, hi) if lo <= hi else None

    def _assemble(self, arrays: dict[str, NDArray[Any]], lo: int, hi: int) -> list[DayMetrics]:
        assert self.first is not None
        first = self.first
        derived = [_optional(arrays[name][lo : hi + 1].tolist()) for name in _DERIVED]
        flags = arrays["spike_flag"][lo : hi + 1].tolist()
        counts = arrays["days"][lo : hi + 1].tolist()
        out = []
        for k, i in enumerate(range(lo, hi + 1)):
            day = first + timedelta(days=i)
            found = self.rows.get(day)
            stored = found[1 : len(STORED)] if found is not None else _NOTHING_STORED
            fields: list[Any] = [day, *stored]
            fields += [values[k] for values in derived]
            fields += [flags[k], counts[k]]
            out.append(DayMetrics(*fields))
        return out


def metrics_many(wanted: Sequence[tuple[History, date, date]]) -> list[list[DayMetrics]]:
    """``History.metrics`` of many histories (each with its first and last day wanted) at once:
    the recurrences of all of them run together (``series_many``)."""
    out: list[list[DayMetrics]] = [[] for _ in wanted]
    todo = []
    for k, (history, start, end) in enumerate(wanted):
        bounds = history._bounds(start, end)
        if bounds is not None:
            todo.append((k, history, *bounds))
    if not todo:
        return out
    # One tail for all: the earliest day any of them wants.
    tail = max(history.loads.size - lo for _, history, lo, _ in todo)
    arrays = series_many([(history.loads, history.runs) for _, history, _, _ in todo], last=tail)
    for (k, history, lo, hi), computed in zip(todo, arrays, strict=True):
        out[k] = history._assemble(computed, lo, hi)
    return out


@dataclass(frozen=True, slots=True)
class Loads:
    """An athlete's stored days as numbers: the first and the last, how many there are, and the
    load and longest run of each stored day, oldest first.

    ``kept``: read from the athlete's ``load_series`` row (one value per day, zero for a day
    without a row), not from the day rows.
    """

    first: date
    last: date
    count: int
    loads: NDArray[np.float64]
    runs: NDArray[np.float64]
    kept: bool = False

    @property
    def gapless(self) -> bool:
        """A row for every day from the first to the last, as the refresh writes them."""
        return self.count == (self.last - self.first).days + 1 == self.loads.size


def encode(values: NDArray[np.float64]) -> bytes:
    """A series as ``load_series`` stores it: little-endian 64-bit floats."""
    return np.asarray(values, dtype="<f8").tobytes()


def series_row(
    organization_id: int,
    athlete_id: int,
    first_day: date,
    loads: Sequence[float] | NDArray[np.float64],
    runs: Sequence[float] | NDArray[np.float64],
) -> dict[str, Any]:
    """An athlete's ``load_series`` row (one value per day from ``first_day``): the refresh's,
    and that of writers that insert day rows without the refresh."""
    return {
        "organization_id": organization_id,
        "athlete_id": athlete_id,
        "first_day": first_day,
        "loads": encode(np.asarray(loads, dtype=np.float64)),
        "runs": encode(np.asarray(runs, dtype=np.float64)),
    }


def decode(data: bytes) -> NDArray[np.float64]:
    """A stored series as a writable array."""
    return np.frombuffer(data, dtype="<f8").astype(np.float64)


_SERIES = select(
    LoadSeries.athlete_id, LoadSeries.first_day, LoadSeries.loads, LoadSeries.runs
).where(LoadSeries.athlete_id.in_(bindparam("athletes", expanding=True)))
_SPANS = (
    select(
        DailyMetric.athlete_id, func.min(DailyMetric.day), func.max(DailyMetric.day), func.count()
    )
    .where(DailyMetric.athlete_id.in_(bindparam("athletes", expanding=True)))
    .group_by(DailyMetric.athlete_id)
)
_LOADS = (
    select(DailyMetric.load, DailyMetric.longest_run_m, DailyMetric.athlete_id)
    .where(DailyMetric.athlete_id.in_(bindparam("athletes", expanding=True)))
    .order_by(DailyMetric.athlete_id, DailyMetric.day)
)


# Each row: an athlete and the first and last day of days to read in full.
_WINDOWS = RowsTable("windows", [("athlete_id", BigId), ("lo", Date()), ("hi", Date())])


@cache
def _rows_statement() -> Select[Any]:
    w = _WINDOWS.table
    return (
        select(*_COLUMNS, w.c.athlete_id)
        .select_from(DailyMetric)
        .join(
            w,
            and_(DailyMetric.athlete_id == w.c.athlete_id, DailyMetric.day.between(w.c.lo, w.c.hi)),
        )
    )


def loads_of(session: Session, athlete_ids: Sequence[int]) -> dict[int, Loads]:
    """Every stored day's load and longest run of a batch of athletes (absent: nothing stored).

    Each athlete's ``load_series`` row, one statement for the batch. Athletes without one are read
    from their day rows (``_loads_from_days``); the refresh then writes their series.
    """
    if not athlete_ids:
        return {}
    ids = list(athlete_ids)
    connection = session.connection()
    out: dict[int, Loads] = {}
    for athlete_id, first, loads, runs in connection.execute(_SERIES, {"athletes": ids}):
        n = len(loads) // 8
        out[athlete_id] = Loads(
            first, first + timedelta(days=n - 1), n, decode(loads), decode(runs), kept=True
        )
    missing = [athlete_id for athlete_id in ids if athlete_id not in out]
    if missing:
        out.update(_loads_from_days(session, missing))
    return out


def _loads_from_days(session: Session, ids: list[int]) -> dict[int, Loads]:
    """``loads_of`` read from the day rows: the spans, then three numbers a row."""
    connection = session.connection()
    spans = {
        athlete_id: (first, last, count)
        for athlete_id, first, last, count in connection.execute(_SPANS, {"athletes": ids})
    }
    out: dict[int, Loads] = {}
    if not spans:
        return out
    rows = connection.execute(_LOADS, {"athletes": ids}).all()
    table = np.array(rows, dtype=np.float64).reshape(len(rows), 3)
    starts = np.flatnonzero(np.diff(table[:, 2], prepend=np.nan))
    ends = [*starts[1:].tolist(), len(table)]
    for begin, end in zip(starts.tolist(), ends, strict=True):
        athlete_id = int(table[begin, 2])
        loads = np.ascontiguousarray(table[begin:end, 0])
        runs = np.ascontiguousarray(table[begin:end, 1])
        out[athlete_id] = Loads(*spans[athlete_id], loads, runs)
    return out


def histories_of(
    session: Session,
    stored: Mapping[int, Loads],
    windows: Mapping[int, Sequence[tuple[date, date]]],
) -> dict[int, History]:
    """The histories of a batch of athletes (their ``loads_of``), with the days of ``windows``
    read in full in one statement. An athlete whose stored days have gaps is read in full on
    their own.
    """
    out: dict[int, History] = {}
    ids = [athlete_id for athlete_id in windows if athlete_id in stored]
    for athlete_id in windows:
        if athlete_id not in stored:
            out[athlete_id] = History(None, np.zeros(0), np.zeros(0), {})
    wanted = [(a, lo, hi) for a in ids for lo, hi in windows[a]]
    full: dict[int, dict[date, StoredDay]] = defaultdict(dict)
    if wanted:
        found = session.connection().execute(_rows_statement(), _WINDOWS.params(wanted))
        for row in found:
            full[row[len(STORED)]][row[_DAY]] = row
    for athlete_id in ids:
        loads = stored[athlete_id]
        if loads.gapless:
            out[athlete_id] = History(loads.first, loads.loads, loads.runs, full[athlete_id])
        else:  # gaps (or rows that came between the reads): in full
            out[athlete_id] = History.of_rows(stored_days(session, athlete_id))
    return out


def stored_days(session: Session, athlete_id: int, end: date | None = None) -> list[StoredDay]:
    """The athlete's stored days up to ``end`` (all without it), oldest first, as ``STORED``."""
    if end is None:
        return list(session.execute(_ALL_DAYS, {"athlete": athlete_id}))
    return list(session.execute(_DAYS_UNTIL, {"athlete": athlete_id, "end": end}))


def compute(rows: Sequence[StoredDay], start: date, end: date) -> list[DayMetrics]:
    """The metrics of each day from ``start`` to ``end`` that the stored ``rows`` cover."""
    return History.of_rows(rows).metrics(start, end)


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
