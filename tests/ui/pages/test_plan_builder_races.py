"""Coach · Plan builder, the race editor: a coach changes a race's date and target time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import RaceGoal
from runseason.schemas.plans import GoalCreate
from runseason.services.plans import goals
from runseason.ui import wording
from tests.factories import World, actor
from tests.ui.conftest import Open, button_of


def _race(db: Session, world: World) -> RaceGoal:
    made = goals.create_goal(
        db,
        actor(db, world.asha),
        world.riley.id,
        GoalCreate(
            name="Harbour 10K",
            distance_m=10000.0,
            race_date=date.today() + timedelta(weeks=10),
            target_time_s=2700.0,
        ),
        now=datetime.now(UTC),
    )
    goal = db.get(RaceGoal, made.id)
    assert goal is not None
    return goal


def _open_on_riley(open_page: Open, world: World) -> AppTest:
    at = open_page(world.asha, "plan_builder")
    athletes = next(s for s in at.selectbox if s.label == "Athlete")
    athletes.set_value(world.riley.id).run()
    assert not at.exception
    return at


def _field(at: AppTest, label: str) -> object:
    return next(w for w in [*at.text_input, *at.date_input] if w.label.startswith(label))


def _race_shown(at: AppTest) -> str:
    picker = next(s for s in at.selectbox if s.label == "Race to change")
    return str(picker.format_func(picker.value))  # type: ignore[attr-defined]


def test_the_coach_moves_the_race_and_sets_a_new_target_time(
    open_page: Open, world: World, db: Session
) -> None:
    goal = _race(db, world)
    at = _open_on_riley(open_page, world)
    new_day = goal.race_date + timedelta(days=14)
    _field(at, "New race date").set_value(new_day)  # type: ignore[attr-defined]
    _field(at, "New target time").set_value("43:30")  # type: ignore[attr-defined]
    button_of(at, "Save the race").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    db.refresh(goal)
    assert (goal.race_date, goal.target_time_s) == (new_day, 2610.0)
    assert any("Harbour 10K: saved." in t.value for t in at.toast)
    assert wording.day(new_day) in _race_shown(at)
    assert _field(at, "New target time").value == "43:30"  # type: ignore[attr-defined]


def test_a_bad_target_time_names_the_field_keeps_the_typing_and_saves_nothing(
    open_page: Open, world: World, db: Session
) -> None:
    goal = _race(db, world)
    at = _open_on_riley(open_page, world)
    _field(at, "New target time").set_value("43 minutes")  # type: ignore[attr-defined]
    button_of(at, "Save the race").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "New target time: '43 minutes' is not a time; write it as m:ss or h:mm:ss"
    ]
    assert _field(at, "New target time").value == "43 minutes"  # type: ignore[attr-defined]
    db.refresh(goal)
    assert goal.target_time_s == 2700.0


def test_a_target_time_out_of_range_is_refused_by_its_label(
    open_page: Open, world: World, db: Session
) -> None:
    goal = _race(db, world)
    at = _open_on_riley(open_page, world)
    _field(at, "New target time").set_value("0:30")  # type: ignore[attr-defined]
    button_of(at, "Save the race").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert len(at.error) == 1
    assert at.error[0].value.startswith("New target time: "), at.error[0].value
    assert "target_time_s" not in at.error[0].value
    assert _field(at, "New target time").value == "0:30"  # type: ignore[attr-defined]
    db.refresh(goal)
    assert goal.target_time_s == 2700.0
