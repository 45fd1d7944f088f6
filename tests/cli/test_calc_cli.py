"""The calculators from the command line, as a coach types them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from runseason.cli.main import app

runner = CliRunner()


def test_vdot_json_gives_seconds_and_the_worked_value() -> None:
    result = runner.invoke(app, ["calc", "vdot", "--distance", "10k", "--time", "40:00", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["vdot"] == pytest.approx(51.9, abs=0.1)
    names = [e["distance"] for e in data["equivalents"]]
    assert names == ["1500m", "mile", "3k", "5k", "10k", "15k", "half", "marathon"]
    ten_k = next(e for e in data["equivalents"] if e["distance"] == "10k")
    assert ten_k["time_s"] == pytest.approx(2400, abs=1)
    p = data["paces"]
    assert p["easy_slow_s_per_km"] > p["easy_fast_s_per_km"] > p["marathon_s_per_km"]
    assert p["threshold_s_per_km"] > p["interval_s_per_km"] > p["repetition_s_per_km"]


def test_vdot_text_output() -> None:
    result = runner.invoke(app, ["calc", "vdot", "--distance", "5k", "--time", "20:00"])
    assert result.exit_code == 0
    assert "VDOT 49.8" in result.stdout
    assert "marathon" in result.stdout


def test_predict_shows_three_models_side_by_side() -> None:
    args = ["calc", "predict", "--distance", "5k", "--time", "20:00", "--target", "marathon"]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [m["model"] for m in data["models"]] == ["riegel", "cameron", "vdot"]
    assert data["low_s"] <= data["high_s"]
    assert data["target_m"] == 42195.0
    assert "underestimate" in data["caution"]
    text = runner.invoke(app, args)
    assert "riegel" in text.stdout
    assert "Range:" in text.stdout


@pytest.mark.parametrize(
    ("distance", "time", "message"),
    [
        ("10x", "40:00", "is not a distance"),
        ("10k", "forty", "is not a time"),
        ("10k", "40:75", "60 or more"),
        ("-5k", "20:00", "is not a distance"),
    ],
)
def test_bad_input_is_one_clear_line(distance: str, time: str, message: str) -> None:
    result = runner.invoke(app, ["calc", "vdot", "--distance", distance, "--time", time])
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_library_sync_loads_the_built_in_templates_once(db: object) -> None:
    first = runner.invoke(app, ["library", "sync"])
    assert first.exit_code == 0, first.output
    assert "123 built-in templates, 123 added or updated" in first.stdout
    again = runner.invoke(app, ["library", "sync"])
    assert "0 added or updated" in again.stdout
