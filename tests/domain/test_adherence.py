"""Fair adherence: every ratio, issue 5's colour bands, excused days and the weekly percentage."""

from __future__ import annotations

import pytest

from runseason.domain.adherence import (
    DoneValues,
    PlannedValues,
    band_of,
    compliance_status,
    session_adherence,
    week_adherence,
)

PLANNED = PlannedValues(duration_s=3600, distance_m=10_000, load=60, pace_s_per_km=300)


@pytest.mark.parametrize(
    ("ratio", "band"),
    [
        (0.49, "red"),
        (0.50, "yellow"),
        (0.79, "yellow"),
        (0.794, "yellow"),
        (0.80, "green"),
        (1.00, "green"),
        (1.20, "green"),
        (1.21, "yellow"),
        (1.50, "yellow"),
        (1.51, "red"),
        (3.00, "red"),
    ],
)
def test_bands_follow_the_whole_percent_edges(ratio: float, band: str) -> None:
    assert band_of(ratio) == band


def test_every_ratio_is_reported_and_distance_sets_the_colour() -> None:
    done = DoneValues(duration_s=2700, distance_m=9_000, load=30, pace_s_per_km=300)
    result = session_adherence(PLANNED, done)
    assert result.status == "done"
    assert result.duration_ratio == pytest.approx(0.75)
    assert result.distance_ratio == pytest.approx(0.9)
    assert result.load_ratio == pytest.approx(0.5)
    assert result.ratio == pytest.approx(0.9)
    assert result.band == "green"


def test_duration_sets_the_colour_without_a_distance() -> None:
    planned = PlannedValues(duration_s=3600)
    result = session_adherence(planned, DoneValues(duration_s=1500, distance_m=5000))
    assert result.distance_ratio is None
    assert result.ratio == pytest.approx(1500 / 3600)
    assert result.band == "red"


def test_a_missed_session_is_red() -> None:
    result = session_adherence(PLANNED, None)
    assert (result.status, result.band) == ("missed", "red")


def test_an_excused_day_has_no_colour_even_when_nothing_was_done() -> None:
    result = session_adherence(PLANNED, None, excused=True)
    assert (result.status, result.band, result.ratio) == ("excused", None, None)


@pytest.mark.parametrize(
    ("done_pace", "word"),
    [(300, "on target"), (290, "on target"), (270, "harder"), (330, "easier")],
)
def test_intensity_fidelity_from_pace_compares_speeds(done_pace: float, word: str) -> None:
    done = DoneValues(duration_s=3600, distance_m=10_000, pace_s_per_km=done_pace)
    result = session_adherence(PLANNED, done)
    assert result.intensity_basis == "pace"
    assert result.intensity_ratio == pytest.approx(300 / done_pace)
    assert result.intensity == word


def test_intensity_fidelity_from_heart_rate_when_the_plan_gives_one() -> None:
    planned = PlannedValues(duration_s=3600, hr_bpm=150)
    result = session_adherence(planned, DoneValues(duration_s=3600, hr_bpm=165))
    assert result.intensity_basis == "heart rate"
    assert result.intensity_ratio == pytest.approx(1.1)
    assert result.intensity == "harder"


def test_no_intensity_without_a_target_or_a_measure() -> None:
    result = session_adherence(PlannedValues(duration_s=3600), DoneValues(duration_s=3600))
    assert result.intensity is None
    assert result.intensity_ratio is None


def test_week_counts_green_whole_yellow_half_and_leaves_excused_days_out() -> None:
    sessions = [
        session_adherence(PLANNED, DoneValues(duration_s=3600, distance_m=10_000)),  # green
        session_adherence(PLANNED, DoneValues(duration_s=2400, distance_m=6_000)),  # yellow
        session_adherence(PLANNED, None),  # missed: red
        session_adherence(PLANNED, None, excused=True),
        session_adherence(PLANNED, None, excused=True),
    ]
    week = week_adherence(sessions)
    assert week.percent == pytest.approx(50.0)
    assert (week.counted, week.excused) == (3, 2)
    assert (week.green, week.yellow, week.red) == (1, 1, 1)


def test_the_same_week_without_the_exceptions_would_punish_the_athlete() -> None:
    fair = week_adherence([session_adherence(PLANNED, None, excused=True)] * 3)
    unfair = week_adherence([session_adherence(PLANNED, None)] * 3)
    assert fair.percent is None
    assert fair.excused == 3
    assert unfair.percent == 0.0


@pytest.mark.parametrize(
    ("done_m", "status"),
    [
        (None, "missed"),
        (4_000, "partial"),
        (7_940, "partial"),
        (8_000, "completed"),
        (10_000, "completed"),
        (16_000, "completed"),
    ],
)
def test_compliance_status_from_the_share_of_the_plan_done(
    done_m: float | None, status: str
) -> None:
    done = None if done_m is None else DoneValues(duration_s=3000, distance_m=done_m)
    assert compliance_status(session_adherence(PLANNED, done)) == status
