"""The calculators over HTTP."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

Headers = dict[str, dict[str, str]]


def test_vdot_from_a_race_gives_paces(client: TestClient, headers: Headers) -> None:
    report = client.get(
        "/api/v1/calculators/vdot",
        params={"distance": "5k", "time": "20:00"},
        headers=headers["greta"],
    )
    assert report.status_code == 200, report.text
    assert report.json()["vdot"] == pytest.approx(49.8, abs=0.2)


def test_a_prediction_and_a_bad_time_named(client: TestClient, headers: Headers) -> None:
    params = {"distance": "10k", "time": "40:00", "target": "half"}
    predicted = client.get("/api/v1/calculators/predict", params=params, headers=headers["cole"])
    assert predicted.status_code == 200, predicted.text
    bad = client.get(
        "/api/v1/calculators/vdot",
        params={"distance": "5k", "time": "soon"},
        headers=headers["cole"],
    )
    assert bad.status_code == 422
