"""The calculators, for any signed-in user."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from runseason.api.deps import CurrentActor
from runseason.api.router import Router
from runseason.schemas.calculators import PredictionReport, VdotReport
from runseason.services import calculators

router = Router(prefix="/calculators", tags=["calculators"])

DistanceQuery = Annotated[
    str, Query(max_length=20, description="1500m, mile, 3k, 5k, 10k, 15k, half, marathon or metres")
]
TimeQuery = Annotated[str, Query(max_length=20, description="mm:ss or h:mm:ss")]


@router.get("/vdot", response_model=VdotReport)
def vdot(_actor: CurrentActor, distance: DistanceQuery, time: TimeQuery) -> VdotReport:
    """VDOT from a race, equivalent times and training paces."""
    return calculators.vdot_report(distance, time)


@router.get("/predict", response_model=PredictionReport)
def predict(
    _actor: CurrentActor, distance: DistanceQuery, time: TimeQuery, target: DistanceQuery
) -> PredictionReport:
    """Riegel, Cameron and VDOT predictions for a target race."""
    return calculators.prediction_report(distance, time, target)
