"""Coach · Plan builder: the wizard and the coach's edits."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import PlannedSession, RaceGoal, TrainingPlan
from runseason.ui import wording
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
    assert any("Plan built" in t.value for t in at.toast), [e.value for e in at.error]
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


def _build(at: AppTest) -> None:
    button_of(at, "Build the plan").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]


def _picker(at: AppTest, label: str) -> object:
    return next(s for s in at.selectbox if s.label == label)


def _minutes(at: AppTest) -> object:
    return next(n for n in at.number_input if n.label == "Minutes")


def test_picking_a_session_loads_its_own_values_and_55_minutes_are_saved(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.asha, "plan_builder")
    _build(at)
    picker = _picker(at, "Session to change")
    options = picker.options  # type: ignore[attr-defined]
    rows = {
        s.id: s
        for s in db.scalars(select(PlannedSession).where(PlannedSession.status == "planned"))
    }
    durations = {}
    for label in options:
        picker.set_value(
            next(
                i
                for i in rows
                if label.startswith(
                    f"{wording.day_short(rows[i].scheduled_date)} · {rows[i].title}"
                )
            )
        )  # type: ignore[attr-defined]
        at.run()
        chosen = rows[_picker(at, "Session to change").value]  # type: ignore[attr-defined]
        durations[chosen.id] = _minutes(at).value  # type: ignore[attr-defined]
        assert _minutes(at).value == round(chosen.planned_duration_s / 60)  # type: ignore[attr-defined]
        assert next(t for t in at.text_input if t.label == "Title").value == chosen.title
        picker = _picker(at, "Session to change")
        if len(set(durations.values())) > 1:
            break
    assert len(set(durations.values())) > 1, "two sessions of different lengths were picked"
    chosen_id = _picker(at, "Session to change").value  # type: ignore[attr-defined]
    _minutes(at).set_value(55)  # type: ignore[attr-defined]
    next(t for t in at.text_input if t.label == "Note for the athlete").set_value("Keep it easy")
    button_of(at, "Save the change").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    row = db.get(PlannedSession, chosen_id)
    assert row is not None
    db.refresh(row)
    assert (row.planned_duration_s, row.coach_note) == (55 * 60, "Keep it easy")
    if row.category in ("easy", "recovery"):
        assert "55 min" in row.title, "an untouched title follows the new duration"
    assert any("saved" in t.value for t in at.toast), "the confirmation survives the rerun"
    assert _picker(at, "Session to change").value == chosen_id  # type: ignore[attr-defined]
    assert _minutes(at).value == 55  # type: ignore[attr-defined]
    week = at.dataframe[1].value
    assert any("55:00" in p for p in week["Planned"])
    assert any(f != "as first planned" for f in week["First planned"])


def test_the_calendar_starts_at_this_week_with_weeks_numbered_from_one(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.asha, "plan_builder")
    _build(at)
    weeks = at.dataframe[0].value
    assert weeks["Week"].iloc[0].startswith("1")
    assert list(weeks.columns) == ["Week", "Starts", "Phase", "Planned", "Done", "Sessions done"]
    plan = db.scalar(select(TrainingPlan).where(TrainingPlan.status == "active"))
    assert plan is not None
    assert weeks["Starts"].iloc[0].endswith(f"{plan.start_date.year}")
    week_one = at.dataframe[1].value
    first_days = sorted(
        db.scalars(select(PlannedSession.scheduled_date).where(PlannedSession.plan_id == plan.id))
    )
    assert week_one["Day"].iloc[0] == wording.day_short(first_days[0])
    assert set(week_one["Status"]) == {"to come"}


def test_building_over_an_active_plan_asks_first_and_keeps_the_old_one(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.asha, "plan_builder")
    _build(at)
    first = db.scalar(select(TrainingPlan).where(TrainingPlan.status == "active"))
    assert first is not None
    _build(at)
    assert any("already follows" in w.value for w in at.warning)
    assert db.scalar(select(TrainingPlan).where(TrainingPlan.id != first.id)) is None
    button_of(at, "Keep the current plan").click()  # type: ignore[attr-defined]
    at.run()
    assert db.scalar(select(TrainingPlan).where(TrainingPlan.id != first.id)) is None
    _build(at)
    button_of(at, "Replace the current plan").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    db.refresh(first)
    assert first.status == "archived"
    assert any("Plan built" in t.value for t in at.toast)
    assert any(s.value == "Earlier plans" for s in at.subheader)
    button_of(at, "Make this plan active again").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    db.refresh(first)
    assert first.status == "active"
    assert any("active again" in t.value for t in at.toast)


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
    _button(at, "Rebuild the plan from that day").click()  # type: ignore[attr-defined]
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
