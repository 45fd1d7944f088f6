"""The training charts: the colours coaches know, form over its zones, planned beside done."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from runseason.schemas.briefing import DayMetricRead, WeekRollup
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
