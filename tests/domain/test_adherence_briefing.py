"""Planned versus done, and the adaptive briefing."""

from __future__ import annotations

import pytest

from runseason.domain.adherence import adherence_rate, session_compliance
from runseason.domain.briefing import PlannedToday, advise

TEMPO = PlannedToday("Tempo 3 × 10 min", "tempo", True, 3600.0, 12000.0)
EASY = PlannedToday("Easy run", "easy", False, 2700.0, None)


@pytest.mark.parametrize(
    ("planned", "done", "status"),
    [
        ((3600, 10000), (3500, 9800), "completed"),
        ((3600, 10000), (1800, 5000), "partial"),
        ((3600, 10000), (5000, 15000), "exceeded"),
        ((3600, None), (3000, None), "completed"),
        ((3600, 10000), (None, None), "missed"),
        ((None, None), (3000, 8000), "unplanned"),
    ],
)
def test_session_compliance(planned: tuple, done: tuple, status: str) -> None:
    assert session_compliance(*planned, *done).status == status


def test_adherence_rate_counts_partial_as_half() -> None:
    assert adherence_rate(["completed", "partial", "missed", "unplanned"]) == pytest.approx(0.5)
    assert adherence_rate(["unplanned"]) is None


def test_green_keeps_the_plan() -> None:
    advice = advise(TEMPO, "green")
    assert advice.decision == "keep"
    assert advice.duration_s == 3600


def test_amber_reduces_a_hard_session_but_keeps_an_easy_one() -> None:
    reduced = advise(TEMPO, "amber")
    assert reduced.decision == "reduce"
    assert reduced.duration_s == pytest.approx(2880)
    assert reduced.distance_m == pytest.approx(9600)
    assert advise(EASY, "amber").decision == "keep"


def test_red_swaps_to_a_recovery_run() -> None:
    advice = advise(TEMPO, "red")
    assert advice.decision == "recovery"
    assert advice.duration_s == 1800


@pytest.mark.parametrize(
    ("kwargs", "reason"), [({"illness": True}, "ill"), ({"pain_severity": 6}, "Pain 6/10")]
)
def test_illness_and_pain_mean_rest(kwargs: dict, reason: str) -> None:
    advice = advise(TEMPO, "green", **kwargs)
    assert advice.decision == "rest"
    assert reason in advice.reason


def test_no_check_in_asks_for_one_first() -> None:
    assert advise(TEMPO, None).decision == "check_in_first"


def test_nothing_planned() -> None:
    assert advise(None, "green").decision == "no_session"
