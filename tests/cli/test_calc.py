"""The calculators from the command line, as a coach types them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


# --- calc load: SCIENCE.md §4–5 worked series ----------------------------------------------------

ACWR_WEEK = [60, 0, 80, 40, 0, 100, 50]


def _load_json(text: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["calc", "load", "--json"], input=text)
    assert result.exit_code == 0, result.output
    days: list[dict[str, Any]] = json.loads(result.stdout)
    return days


def test_load_reproduces_one_day_of_100_then_six_rest_days() -> None:
    days = _load_json("100\n0\n0\n0\n0\n0\n0\n")
    assert [d["day"] for d in days] == list(range(1, 8))
    assert "date" not in days[0]
    assert days[0]["ctl"] == pytest.approx(2.3810, abs=1e-4)
    assert days[0]["atl"] == pytest.approx(14.2857, abs=1e-4)
    assert days[0]["ctl"] != pytest.approx(4.6512, abs=1e-3)  # not the pandas "span" form
    assert days[6]["ctl"] == pytest.approx(2.0604, abs=1e-4)
    assert days[6]["atl"] == pytest.approx(5.6653, abs=1e-4)
    assert days[1]["form"] == pytest.approx(-11.9048, abs=1e-4)
    assert days[1]["tsb"] == days[1]["form"]


def test_load_reproduces_42_days_at_50_and_the_form_of_day_43() -> None:
    days = _load_json("\n".join(["50"] * 43) + "\n")
    assert days[41]["ctl"] == pytest.approx(31.8272, abs=1e-4)
    assert days[41]["atl"] == pytest.approx(49.9229, abs=1e-4)
    assert days[42]["form"] == pytest.approx(-18.0957, abs=1e-4)
    assert days[41]["ramp"] == pytest.approx(days[41]["ctl"] - days[34]["ctl"])


def test_load_reproduces_the_acwr_monotony_and_strain_vector() -> None:
    loads = ACWR_WEEK * 4 + [x * 1.5 for x in ACWR_WEEK]
    days = _load_json("\n".join(f"{x:g}" for x in loads))
    assert all(d["acwr"] is None and d["acwr_uncoupled"] is None for d in days[:27])
    assert days[27]["acwr"] == pytest.approx(1.032, abs=1e-3)
    assert days[27]["acwr_uncoupled"] == pytest.approx(1.000, abs=1e-3)
    assert days[34]["acwr"] == pytest.approx(1.256, abs=1e-3)
    assert days[34]["acwr_uncoupled"] == pytest.approx(1.500, abs=1e-3)
    assert days[5]["monotony"] is None
    assert days[6]["monotony"] == pytest.approx(1.349, abs=1e-3)  # population SD 34.93
    assert days[6]["strain"] == pytest.approx(445.3, abs=0.1)


def test_load_reads_a_dated_csv_from_a_file_with_rest_days_between_dates(tmp_path: Path) -> None:
    path = tmp_path / "loads.csv"
    path.write_text("date,load\n2026-03-01,100\n# a rest day follows\n2026-03-03, 50\n")
    result = runner.invoke(app, ["calc", "load", str(path), "--json"])
    assert result.exit_code == 0, result.output
    days = json.loads(result.stdout)
    assert [(d["date"], d["load"]) for d in days] == [
        ("2026-03-01", 100.0),
        ("2026-03-02", 0.0),
        ("2026-03-03", 50.0),
    ]
    assert days[1]["form"] == pytest.approx(2.3810 - 14.2857, abs=1e-4)


def test_load_prints_a_table_with_dashes_until_enough_days_exist() -> None:
    result = runner.invoke(app, ["calc", "load"], input="\n".join(["50"] * 30))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["Day", "Load", "CTL", "ATL", "Form"]
    assert lines[1].split()[:5] == ["1", "50.0", "1.19", "7.14", "0.00"]
    assert lines[1].split()[-4:] == ["-", "-", "-", "-"]
    assert lines[28].split()[6:8] == ["1.00", "1.00"]  # day 28: ACWR (EWMA and uncoupled)
    assert "not a validated injury predictor" in result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("50\n60\nabc\n", "Line 3: 'abc' is not a daily load"),
        ("50\n-5\n", "Line 2: '-5' is not a daily load"),
        ("50\nnan\n", "Line 2: 'nan' is not a daily load"),
        ("2026-03-01,50\n2026-03-01,60\n", "Line 2: 2026-03-01 does not come after 2026-03-01"),
        ("2026-03-01,50\n03/02/2026,60\n", "Line 2: '03/02/2026' is not a date"),
        ("2026-03-01,50,7\n", "Line 1: '2026-03-01,50,7' is not date,load"),
        ("2026-03-01,50\n60\n", "Line 2: '60' is not date,load"),
        ("\n# nothing\n", "No loads given"),
    ],
)
def test_load_bad_input_is_one_line_naming_it_and_exit_1(text: str, message: str) -> None:
    result = runner.invoke(app, ["calc", "load", "--json"], input=text)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {message}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_load_names_a_file_it_cannot_read(tmp_path: Path) -> None:
    result = runner.invoke(app, ["calc", "load", str(tmp_path / "missing.csv")])
    assert result.exit_code == 1
    assert "cannot read" in result.stderr
    assert "missing.csv" in result.stderr
