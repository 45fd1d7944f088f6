"""One week as the scheduler fills it: the budget spent, the training days counted and the
finished week in date order; and how many days can be taken none next to another."""

from __future__ import annotations

from datetime import date, timedelta

from runseason.domain.plan_model import SessionDraft, WeekTarget
from runseason.domain.plan_week import WeekState, independent_days

MONDAY = date(2026, 11, 30)
DAYS = tuple(MONDAY + timedelta(days=n) for n in range(7))
TARGET = WeekTarget(3, "build", False, False, False, 40_000.0, 14_000.0, 2)


def _session(day: date, role: str = "easy") -> SessionDraft:
    return SessionDraft(day, "x", "easy", False, role, 5000.0, 1800.0, 90.0, "build", None, 3.0)


def test_placing_a_session_spends_its_volume() -> None:
    week = WeekState(TARGET, DAYS, 40_000.0, 40_000.0)
    week.add(_session(DAYS[1]), 5000.0)
    week.add(_session(DAYS[3]), 8000.0)
    assert week.budget_m == 27_000.0
    assert set(week.sessions) == {DAYS[1], DAYS[3]}


def test_training_days_leave_races_out_and_count_the_chosen_long_day() -> None:
    week = WeekState(TARGET, DAYS, 40_000.0, 40_000.0)
    week.add(_session(DAYS[5], "race"), 0.0)
    week.add(_session(DAYS[1]), 5000.0)
    assert week.run_days() == 1
    week.long_day = DAYS[6]
    assert week.run_days() == 2  # reserved, not yet placed
    week.add(_session(DAYS[6], "long"), 14_000.0)
    assert week.run_days() == 2  # placed: counted once


def test_the_finished_week_is_a_draft_in_date_order() -> None:
    week = WeekState(TARGET, DAYS, 36_000.0, 36_000.0, long_run_m=14_000.0)
    for day in (DAYS[6], DAYS[0], DAYS[3]):
        week.add(_session(day), 5000.0)
    draft = week.to_draft()
    assert [s.date for s in draft.sessions] == [DAYS[0], DAYS[3], DAYS[6]]
    assert (draft.index, draft.start_date, draft.phase, draft.quality_target) == (
        3,
        MONDAY,
        "build",
        2,
    )
    assert (draft.target_distance_m, draft.long_run_distance_m) == (36_000.0, 14_000.0)


def test_independent_days_take_days_none_next_to_another() -> None:
    assert independent_days([]) == 0
    assert independent_days([DAYS[0], DAYS[1], DAYS[2]]) == 2
    assert independent_days([DAYS[4], DAYS[0], DAYS[2], DAYS[6]]) == 4
    assert independent_days([DAYS[1], DAYS[2]]) == 1
