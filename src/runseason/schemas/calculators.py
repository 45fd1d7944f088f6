"""Calculator results: times in seconds, paces in seconds per km, distances in metres."""

from __future__ import annotations

import datetime as dt

from runseason.schemas.common import Output


class EquivalentTime(Output):
    """The time a runner of this VDOT would run over one distance."""

    distance: str
    distance_m: float
    time_s: float


class PacesRead(Output):
    """Daniels training paces (easy is a range, slow to fast)."""

    easy_slow_s_per_km: float
    easy_fast_s_per_km: float
    marathon_s_per_km: float
    threshold_s_per_km: float
    interval_s_per_km: float
    repetition_s_per_km: float


class VdotReport(Output):
    """VDOT from a race, its equivalent times and the training paces it gives."""

    distance_m: float
    time_s: float
    vdot: float
    equivalents: list[EquivalentTime]
    paces: PacesRead


class ModelPredictionRead(Output):
    """One model's prediction."""

    model: str
    time_s: float
    inputs: str


class PredictionReport(Output):
    """Riegel, Cameron and VDOT predictions side by side, with the range they span."""

    distance_m: float
    time_s: float
    target_m: float
    low_s: float
    high_s: float
    models: list[ModelPredictionRead]
    caution: str


class LoadDayRead(Output):
    """One day of a load series: fitness (CTL), fatigue (ATL), form (TSB) and the load ratios.

    ``form`` and ``tsb`` are the same value under both names; ratios, monotony and strain are
    null until enough days exist (28 for ACWR, 7 for monotony and strain, 8 for the ramp).
    """

    day: int
    date: dt.date | None = None
    load: float
    ctl: float
    atl: float
    form: float
    tsb: float
    ramp: float | None
    acwr: float | None
    acwr_uncoupled: float | None
    monotony: float | None
    strain: float | None


class LoadReport(Output):
    """The daily series of a list of loads, with the caution ACWR carries."""

    days: list[LoadDayRead]
    caution: str
