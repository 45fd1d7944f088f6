"""The coach's calculators: VDOT with equivalent times and paces, and race predictions.

They take what a person types (``10k``, ``40:00``) so the CLI and the API parse it the same way.
"""

from __future__ import annotations

from runseason.domain import paces, prediction, units
from runseason.schemas.calculators import (
    EquivalentTime,
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
