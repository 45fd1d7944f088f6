"""The training charts: the colours coaches know, form over its zones, planned beside done."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from runseason.schemas.briefing import DayMetricRead, ProjectedDayRead, WeekRollup
from runseason.ui import charts


def _days(n: int) -> list[DayMetricRead]:
    return [
        DayMetricRead(
            day=date(2026, 10, 1) + timedelta(days=i),
            load=50.0,
            planned_load=55.0,
            ctl=40.0 + i,
            atl=45.0,
            form=-35.0 + 2 * i,
            acwr_ewma=None,
            acwr_uncoupled=None,
            ramp=None,
            monotony=None,
            strain=None,
            readiness_score=None,
            spike_flag=False,
        )
        for i in range(n)
    ]


def _spec(chart: Any) -> str:
    return json.dumps(chart.to_dict())


def test_fitness_fatigue_and_form_have_their_own_distinct_colours() -> None:
    spec = _spec(charts.pmc(_days(30)))
    assert charts.FITNESS in spec
    assert charts.FATIGUE in spec
    assert charts.FORM in spec
    assert len({charts.FITNESS, charts.FATIGUE, charts.FORM}) == 3
    assert "Planned load" in spec


def test_form_is_drawn_over_its_zones() -> None:
    spec = _spec(charts.pmc(_days(30)))
    for _, _, name, colour in charts.FORM_ZONES:
        assert name in spec
        assert colour in spec


def test_weekly_load_puts_planned_beside_done_for_each_week() -> None:
    weeks = [
        WeekRollup(
            week_start=date(2026, 10, 5) + timedelta(weeks=i),
            distance_m=40_000,
            duration_s=14_400,
            load=300.0 + i,
            sessions=4,
            planned_load=320.0,
        )
        for i in range(3)
    ]
    spec = charts.weekly_load(weeks).to_dict()
    assert spec["encoding"]["xOffset"]["field"] == "what"
    assert spec["mark"]["type"] == "bar"
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) == 6
    assert {r["what"] for r in rows} == {"planned", "done"}


def test_bands_have_traffic_light_colours() -> None:
    assert charts.band_colour("red") == charts.BAND_COLOURS["red"]
    assert charts.band_colour("yellow") == charts.BAND_COLOURS["amber"]
    assert charts.band_colour(None) == "#868e96"


def _projection(start: date, n: int) -> list[ProjectedDayRead]:
    return [
        ProjectedDayRead(
            day=start + timedelta(days=i), planned_load=60.0, ctl=70.0 + i, atl=50.0, form=-5.0 + i
        )
        for i in range(1, n + 1)
    ]


def _layers(chart: Any) -> list[dict[str, Any]]:
    """Every single-mark layer of the chart's spec, however deep."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "mark" in node:
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(chart.to_dict())
    return found


def _dashed(layer: dict[str, Any]) -> bool:
    mark = layer["mark"]
    return isinstance(mark, dict) and mark.get("strokeDash") == charts.PROJECTED_DASH


def test_the_projection_to_race_day_is_a_dashed_continuation_with_the_race_marked() -> None:
    days = _days(30)
    race_day = days[-1].day + timedelta(days=20)
    chart = charts.pmc(days, _projection(days[-1].day, 20), race_day)
    layers = _layers(chart)
    dashed = [layer for layer in layers if _dashed(layer)]
    assert len(dashed) == 2  # fitness and fatigue on top, form below
    spec = chart.to_dict()
    datasets = spec["datasets"]
    projected = next(rows for rows in datasets.values() if rows and "part" in rows[0])
    assert projected[0]["Fitness"] == 69.0  # today's last point: the dashes start where it ends
    assert projected[-1]["Fitness"] == 90.0
    assert len(projected) == 21
    rules = [layer for layer in layers if _mark_type(layer) == "rule"]
    assert len(rules) == 2  # race day on both panels
    assert "Race day" in json.dumps(spec)
    assert race_day.isoformat() in json.dumps(spec)


def test_without_a_race_ahead_the_chart_has_no_projected_layer() -> None:
    chart = charts.pmc(_days(30))
    assert not [layer for layer in _layers(chart) if _dashed(layer)]
    assert "Race day" not in _spec(chart)


def _mark_type(layer: dict[str, Any]) -> str:
    mark = layer["mark"]
    return str(mark["type"] if isinstance(mark, dict) else mark)
