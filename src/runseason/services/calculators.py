"""The coach's calculators: VDOT with equivalent times and paces, race predictions, load series.

They take what a person types (``10k``, ``40:00``) so the CLI and the API parse it the same way.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from runseason.domain import load_state, paces, prediction, training_load, units
from runseason.errors import InvalidInput
from runseason.schemas.calculators import (
    EquivalentTime,
    LoadDayRead,
    LoadReport,
    ModelPredictionRead,
    PacesRead,
    PredictionReport,
    VdotReport,
)

EQUIVALENT_DISTANCES = ("1500m", "mile", "3k", "5k", "10k", "15k", "half", "marathon")


def vdot_report(distance: str, time: str) -> VdotReport:
    """VDOT of a race, equivalent times over the standard distances and training paces."""
    distance_m = units.parse_distance(distance)
    time_s = units.parse_duration(time)
    value = paces.vdot(distance_m, time_s)
    p = paces.training_paces(value)
    return VdotReport(
        distance_m=distance_m,
        time_s=time_s,
        vdot=round(value, 2),
        equivalents=[
            EquivalentTime(
                distance=name,
                distance_m=units.RACE_DISTANCES_M[name],
                time_s=round(paces.equivalent_time_s(value, units.RACE_DISTANCES_M[name]), 1),
            )
            for name in EQUIVALENT_DISTANCES
        ],
        paces=PacesRead(
            easy_slow_s_per_km=round(p.easy_slow_s_per_km, 1),
            easy_fast_s_per_km=round(p.easy_fast_s_per_km, 1),
            marathon_s_per_km=round(p.marathon_s_per_km, 1),
            threshold_s_per_km=round(p.threshold_s_per_km, 1),
            interval_s_per_km=round(p.interval_s_per_km, 1),
            repetition_s_per_km=round(p.repetition_s_per_km, 1),
        ),
    )


def prediction_report(distance: str, time: str, target: str) -> PredictionReport:
    """Predicted time over ``target`` from one race, by each model."""
    distance_m = units.parse_distance(distance)
    time_s = units.parse_duration(time)
    target_m = units.parse_distance(target)
    result = prediction.predict_range(time_s, distance_m, target_m)
    return PredictionReport(
        distance_m=distance_m,
        time_s=time_s,
        target_m=target_m,
        low_s=round(result.low_s, 1),
        high_s=round(result.high_s, 1),
        models=[
            ModelPredictionRead(model=m.model, time_s=round(m.time_s, 1), inputs=m.inputs)
            for m in result.models
        ],
        caution=result.caution,
    )


# A daily load above this is a typing slip, not training (session-RPE tops out near 6,000 AU).
MAX_DAILY_LOAD = 10_000.0
MAX_LOAD_DAYS = 36_600  # a hundred years of days


def load_report(text: str) -> LoadReport:
    """Daily fitness, fatigue, form, ramp, ACWR, monotony and strain of typed daily loads.

    ``text`` holds one load a line, or ``date,load`` lines (ISO dates, increasing; the days
    between two dates are rest days of load 0). Blank lines and ``#`` comments are skipped, and
    a ``date,load`` header is allowed. A bad line raises ``InvalidInput`` naming it.
    """
    first_day, loads = _parse_loads(text)
    days = load_state.states(loads)
    return LoadReport(
        days=[
            LoadDayRead(
                day=i,
                date=first_day + timedelta(days=i - 1) if first_day else None,
                load=s.load,
                ctl=s.ctl,
                atl=s.atl,
                form=s.form,
                tsb=s.form,
                ramp=s.ramp,
                acwr=s.acwr_ewma,
                acwr_uncoupled=s.acwr_uncoupled,
                monotony=s.monotony,
                strain=s.strain,
            )
            for i, s in enumerate(days, start=1)
        ],
        caution=training_load.ACWR_CAUTION,
    )


def _parse_loads(text: str) -> tuple[date | None, list[float]]:
    """The first date (None without dates) and one load per day."""
    lines = [
        (number, line.strip())
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.strip().startswith("#")
    ]
    if lines and lines[0][1].replace(" ", "").lower() == "date,load":
        lines = lines[1:]
    if not lines:
        raise InvalidInput("No loads given: write one daily load a line, or date,load lines.")
    if len(lines) > MAX_LOAD_DAYS:
        raise InvalidInput(f"At most {MAX_LOAD_DAYS} days of loads, not {len(lines)}.")
    if "," not in lines[0][1]:
        return None, [_load(number, line) for number, line in lines]
    dated = [_dated_load(number, line) for number, line in lines]
    for (number, day, _), (_, previous, _) in zip(dated[1:], dated, strict=False):
        if day <= previous:
            raise InvalidInput(f"Line {number}: {day} does not come after {previous}.")
    span = (dated[-1][1] - dated[0][1]).days + 1
    if span > MAX_LOAD_DAYS:
        raise InvalidInput(f"At most {MAX_LOAD_DAYS} days from the first date to the last.")
    loads = [0.0] * span  # the days between two dates are rest days
    for _, day, load in dated:
        loads[(day - dated[0][1]).days] = load
    return dated[0][1], loads


def _load(number: int, text: str) -> float:
    """A daily load from one line's text, or ``InvalidInput`` naming the line."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0.0 <= value <= MAX_DAILY_LOAD:  # also refuses NaN
        raise InvalidInput(
            f"Line {number}: '{text}' is not a daily load (a number from 0 to {MAX_DAILY_LOAD:g})."
        )
    return value


def _dated_load(number: int, line: str) -> tuple[int, date, float]:
    """A ``date,load`` line, or ``InvalidInput`` naming the line."""
    parts = [part.strip() for part in line.split(",")]
    if len(parts) != 2:
        raise InvalidInput(f"Line {number}: '{line}' is not date,load (for example 2026-03-01,85).")
    try:
        day = date.fromisoformat(parts[0])
    except ValueError:
        raise InvalidInput(
            f"Line {number}: '{parts[0]}' is not a date (write it as 2026-03-01)."
        ) from None
    return number, day, _load(number, parts[1])
