"""Calculator results: times in seconds, paces in seconds per km, distances in metres."""

from __future__ import annotations

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
