"""Calculator results at the boundary."""

from __future__ import annotations

from runseason.schemas.calculators import ModelPredictionRead, PredictionReport


def test_a_prediction_report_carries_each_model_and_the_range() -> None:
    report = PredictionReport(
        distance_m=10000,
        time_s=2400,
        target_m=21097.5,
        low_s=5200,
        high_s=5400,
        models=[ModelPredictionRead(model="Riegel", time_s=5300, inputs="10k in 40:00")],
        caution="Predictions assume training for the distance.",
    )
    assert report.model_dump()["models"][0]["model"] == "Riegel"
