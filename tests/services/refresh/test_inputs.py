"""What the risk engine reads about each athlete-day: the fresh check-in and its streaks, the
missed sessions, the silence since the last check-in, the week's strain and adherence, the coach's
last action and the next A race, for a whole batch at once."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from runseason.domain.dates import local_date
from runseason.schemas.plans import GoalCreate
from runseason.services.plans import goals
from runseason.services.refresh import inputs
from runseason.services.refresh.history import DayMetrics
from tests.factories import NOW, World, actor
from tests.services.coaching_days import check_in, plan_today, riley_red_patch


def _day_metrics(day: date, **values: Any) -> DayMetrics:
    """A day of metrics: nothing run, nothing derived, but for ``values``."""
    zero: dict[str, Any] = dict.fromkeys(DayMetrics.__dataclass_fields__, None)
    zero.update(
        day=day, load=0.0, duration_s=0.0, distance_m=0.0, sessions=0, planned_load=0.0,
        longest_run_m=0.0, ctl=0.0, atl=0.0, form=0.0, acute_ewma=0.0, chronic_ewma=0.0,
        spike_flag=False, days_of_data=0,
    )  # fmt: skip
    return DayMetrics(**{**zero, **values})


def test_an_empty_batch_reads_nothing(db: Session) -> None:
    assert inputs.read_days(db, []) == {}


def test_a_red_patch_with_pain_reads_as_fresh_streaks_in_one_place(
    db: Session, world: World
) -> None:
    riley_red_patch(db, world)
    today = local_date(NOW, world.riley.timezone)
    read = inputs.read_days(db, [(world.riley.id, today, [])])[world.riley.id]
    assert read.inputs.checkin_fresh
    assert read.inputs.pain_severity == 5
    assert read.inputs.readiness_band == "red"
    assert (read.pain_days, read.red_days, read.illness_days) == (3, 3, 0)
    assert read.inputs.pain_same_location_days == 3
    assert read.inputs.days_since_checkin == 0
    assert read.inputs.missed_sessions_7d is None  # no plan: nothing to miss
    assert read.inputs.days_to_a_race is None
    assert read.metric is None


def test_a_check_in_stays_fresh_a_day_then_the_silence_counts(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    today = local_date(NOW, world.riley.timezone)
    later = [today + timedelta(days=n) for n in (1, 2)]
    tomorrow, after = (
        inputs.read_days(db, [(world.riley.id, day, [])])[world.riley.id] for day in later
    )
    assert tomorrow.inputs.checkin_fresh
    assert (tomorrow.inputs.days_since_checkin, tomorrow.pain_days) == (1, 3)
    assert not after.inputs.checkin_fresh
    assert after.inputs.pain_severity is None
    assert (after.inputs.days_since_checkin, after.pain_days, after.red_days) == (2, 0, 0)


def test_a_pain_in_another_place_starts_its_own_streak_and_illness_counts(
    db: Session, world: World
) -> None:
    for days_ago, where in ((2, "left knee"), (1, "left knee"), (0, "right heel")):
        check_in(db, world, world.greta, days_ago, pain_severity=4, pain_location=where)
    check_in(db, world, world.greta, 0, illness=True, pain_severity=4, pain_location="right heel")
    today = local_date(NOW, world.greta.timezone)
    read = inputs.read_days(db, [(world.greta.id, today, [])])[world.greta.id]
    assert read.pain_days == 3
    assert read.inputs.pain_same_location_days == 1
    assert (read.illness_days, read.inputs.illness) == (1, True)


def test_one_batch_reads_each_athlete_on_their_own_day(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    riley_day = local_date(NOW, world.riley.timezone)
    greta_day = local_date(NOW, world.greta.timezone) + timedelta(days=3)
    read = inputs.read_days(db, [(world.riley.id, riley_day, []), (world.greta.id, greta_day, [])])
    assert read[world.riley.id].inputs.checkin_fresh
    greta = read[world.greta.id].inputs
    assert (greta.checkin_fresh, greta.days_since_checkin, greta.pain_severity) == (
        False,
        None,
        None,
    )


def test_missed_sessions_count_the_seven_days_before(db: Session, world: World) -> None:
    first = plan_today(db, world, world.greta)  # three hard days from today, none logged
    week_later = first.scheduled_date + timedelta(days=7)
    for day, missed in ((first.scheduled_date, None), (week_later, 3)):
        read = inputs.read_days(db, [(world.greta.id, day, [])])[world.greta.id]
        assert read.inputs.missed_sessions_7d == missed, day


def test_the_coaching_inputs_come_from_the_week_the_coach_and_the_race(
    db: Session, world: World
) -> None:
    today = local_date(NOW, world.greta.timezone)
    race = today + timedelta(weeks=10)
    goal = GoalCreate(name="Spring 10k", distance_m=10_000, race_date=race)
    goals.create_goal(db, actor(db, world.cole), world.greta.id, goal, now=NOW)
    day = today + timedelta(days=4)
    recent = [
        _day_metrics(today + timedelta(days=2), load=60.0, planned_load=100.0),
        _day_metrics(today + timedelta(days=3), load=30.0, planned_load=50.0),
        _day_metrics(day, load=500.0, planned_load=0.0, strain=812.0, form=-4.0, days_of_data=9),
    ]
    read = inputs.read_days(db, [(world.greta.id, day, recent)])[world.greta.id]
    assert read.inputs.adherence_7d == pytest.approx(90 / 150)  # the days before, not the day
    assert read.inputs.strain_7d == 812.0
    assert (read.inputs.form, read.inputs.days_of_data) == (-4.0, 9)
    assert read.metric == recent[-1]
    assert read.inputs.days_to_a_race == (race - day).days
    assert read.inputs.days_since_coach_action == (day - NOW.date()).days  # coached since NOW
