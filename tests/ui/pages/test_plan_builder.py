"""Coach · Plan builder: the wizard and the coach's edits."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import PlannedSession, RaceGoal, TrainingPlan
from tests.factories import World
from tests.ui.conftest import Open, button_of


def test_renders_for_a_coach(open_page: Open, world: World) -> None:
    at = open_page(world.asha, "plan_builder")
    assert at.title


def test_the_plan_wizard_builds_a_plan(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.asha, "plan_builder")
    button_of(at, "Build the plan").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any("Plan built" in s.value for s in at.success), [e.value for e in at.error]
    assert db.scalar(select(TrainingPlan).where(TrainingPlan.status == "active")) is not None
    assert any("The calendar" in s.value for s in at.subheader)


def test_the_plan_wizard_refuses_too_few_days_and_writes_nothing(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.asha, "plan_builder")
    at.multiselect[0].set_value(["Sun"])
    button_of(at, "Build the plan").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert at.error
    assert db.scalar(select(TrainingPlan)) is None


def test_the_coach_edits_a_session_and_sees_it_against_the_original(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.asha, "plan_builder")
    button_of(at, "Build the plan").click()  # type: ignore[attr-defined]
    at.run()
    assert any("No session differs" in c.value for c in at.caption)
    title = next(t for t in at.text_input if t.label == "Title")
    title.set_value("Hill reps on the river path")
    button_of(at, "Save the change").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    comparison = at.dataframe[-1].value
    assert list(comparison.columns) == ["original", "current"]
    assert "Hill reps on the river path" in comparison["current"].iloc[0]


def _button(at: AppTest, label: str) -> object:
    return next(b for b in at.button if b.label == label)


def _date_input(at: AppTest, label: str) -> object:
    return next(d for d in at.date_input if d.label == label)


def _plan_days(db: Session) -> set[date]:
    plan = db.scalar(select(TrainingPlan).where(TrainingPlan.status == "active"))
    assert plan is not None
    return set(
        db.scalars(select(PlannedSession.scheduled_date).where(PlannedSession.plan_id == plan.id))
    )


def test_a_plan_the_days_cannot_hold_shows_its_warning_and_keeps_days_away_free(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.asha, "plan_builder")
    next(s for s in at.selectbox if s.label == "Distance").set_value("Marathon")
    at.multiselect[0].set_value(["Tue", "Thu", "Sun"])
    next(n for n in at.number_input if n.label.startswith("Current weekly volume")).set_value(60.0)
    start = _date_input(at, "Plan starts").value
    holiday = (start + timedelta(weeks=3), start + timedelta(weeks=3, days=6))
    _date_input(at, "Days away (holiday, travel; optional)").set_value(holiday)  # type: ignore[attr-defined]
    _button(at, "Build the plan").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    assert any("cannot hold the planned volume" in w.value for w in at.warning)
    away = {holiday[0] + timedelta(days=i) for i in range(7)}
    assert not _plan_days(db) & away
    assert any("Days away kept free" in c.value for c in at.caption)
    travel = (start + timedelta(weeks=6, days=1), start + timedelta(weeks=6, days=3))
    _date_input(at, "Add days away (holiday, travel)").set_value(travel)  # type: ignore[attr-defined]
    _button(at, "Rebuild the plan around them").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    kept = {travel[0] + timedelta(days=i) for i in range(3)}
    assert not _plan_days(db) & (away | kept)
    plan = db.scalar(select(TrainingPlan).where(TrainingPlan.status == "active"))
    assert plan is not None
    assert len(plan.parameters["unavailable_dates"]) == 10


def test_the_coach_adds_a_b_race_then_changes_and_deletes_races(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.asha, "plan_builder")
    _button(at, "Add the race").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    goal = db.scalar(select(RaceGoal).where(RaceGoal.name == "Tune-up 10K"))
    assert goal is not None
    assert (goal.priority, goal.distance_m) == ("B", 10000.0)
    next(t for t in at.text_input if t.label == "Race name as shown").set_value("Harbour 10K")
    next(t for t in at.text_input if t.label.startswith("New target time")).set_value("45:00")
    next(s for s in at.selectbox if s.label == "New priority").set_value("C")
    _button(at, "Save the race").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    db.refresh(goal)
    assert (goal.name, goal.priority, goal.target_time_s) == ("Harbour 10K", "C", 2700.0)
    next(c for c in at.checkbox if c.label == "Delete this race").check()
    _button(at, "Save the race").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    assert db.scalar(select(RaceGoal).where(RaceGoal.id == goal.id)) is None


def test_a_race_the_active_plan_is_built_for_cannot_be_deleted(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.asha, "plan_builder")
    _button(at, "Build the plan").click()  # type: ignore[attr-defined]
    at.run()
    next(c for c in at.checkbox if c.label == "Delete this race").check()
    _button(at, "Save the race").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any("active plan" in e.value for e in at.error)
    assert db.scalar(select(RaceGoal)) is not None
