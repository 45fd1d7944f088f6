"""The views several pages draw, run in a real Streamlit script."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

HISTORY_PAGE = """
from datetime import date, timedelta

from runseason.schemas.briefing import DayMetricRead, LoadHistoryRead
from runseason.ui.views import fitness_chart, load_ratio_charts

history = LoadHistoryRead(
    athlete_id=1,
    days=[
        DayMetricRead(
            day=date(2026, 10, 1) + timedelta(days=i),
            load=50.0,
            planned_load=55.0,
            ctl=40.0 + i,
            atl=45.0,
            form=-5.0 + i,
            acwr_ewma=1.1 if {ratios} else None,
            acwr_uncoupled=1.05 if {ratios} else None,
            ramp=None,
            monotony=1.4 if {ratios} else None,
            strain=None,
            readiness_score=None,
            spike_flag=False,
        )
        for i in range({days})
    ],
    weeks=[],
    acwr_available={ratios},
    caution="ACWR is not a validated injury predictor.",
)
fitness_chart(history)
load_ratio_charts(history)
"""


def _run(days: int, ratios: bool) -> AppTest:
    at = AppTest.from_string(HISTORY_PAGE.format(days=days, ratios=ratios), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_without_training_both_views_say_so() -> None:
    assert [i.value for i in _run(0, ratios=False).info] == [
        "No training recorded yet.",
        "ACWR and monotony need four weeks of logged training.",
    ]


def test_with_training_the_charts_carry_the_caution() -> None:
    at = _run(30, ratios=True)
    assert not at.info
    # One caveat per page: the ratio charts under the fitness chart do not repeat it.
    assert [c.value for c in at.caption].count("ACWR is not a validated injury predictor.") == 1
