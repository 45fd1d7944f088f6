"""The forms of the web app, driven through AppTest against the real services."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import (
    Intervention,
    SessionTemplate,
    SettingOverride,
    TrainingLog,
    TrainingPlan,
    User,
)
from runseason.services.plans import library
from tests.factories import World
from tests.services.coaching_days import riley_red_patch

Open = Callable[[User, str | None], AppTest]


def _button(at: AppTest, label: str) -> object:
    return next(b for b in at.button if b.label == label)


def test_logging_a_session_by_hand(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.user_of(world.riley, db), "log")
    _button(at, "Save session").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any("Saved: load" in s.value for s in at.success)
    logs = db.scalars(select(TrainingLog).where(TrainingLog.athlete_id == world.riley.id)).all()
    assert len(logs) == 1
    assert logs[0].duration_s == 45 * 60


def test_the_plan_wizard_builds_a_plan(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.asha, "plan_builder")
    _button(at, "Build the plan").click()  # type: ignore[attr-defined]
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
    _button(at, "Build the plan").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert at.error
    assert db.scalar(select(TrainingPlan)) is None


def test_an_admin_changes_the_guardrail(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.ada, "settings")
    at.slider[0].set_value(0.9)
    _button(at, "Save").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    stored = db.scalar(
        select(SettingOverride).where(SettingOverride.organization_id == world.north.id)
    )
    assert stored is not None
    assert stored.values["risk"]["guardrail"] == 0.9
    coach_view = open_page(world.cole, "settings")
    assert coach_view.slider[0].disabled


def test_the_coach_acknowledges_an_intervention(open_page: Open, world: World, db: Session) -> None:
    riley_red_patch(db, world)
    at = open_page(world.asha, "command_center")
    assert any("Riley Red" in str(e.label) for e in at.expander)
    _button(at, "Acknowledge").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    acknowledged = db.scalars(
        select(Intervention).where(
            Intervention.athlete_id == world.riley.id, Intervention.acknowledged_at.is_not(None)
        )
    ).all()
    assert acknowledged


def test_the_coach_clones_a_template_and_edits_the_copy(
    open_page: Open, world: World, db: Session
) -> None:
    library.sync_builtin_library(db)
    at = open_page(world.asha, "library")
    next(b for b in at.button if b.label == "Clone into our library to adapt").click()
    at.run()
    assert not at.exception
    assert any("Cloned as" in s.value for s in at.success)
    copy = db.scalar(
        select(SessionTemplate).where(SessionTemplate.organization_id == world.north.id)
    )
    assert copy is not None
    at.text_input[0].set_value(copy.name)  # search: the built-in one and our copy
    at.run()
    name_box = next(t for t in at.text_input if t.label == "Name")
    name_box.set_value("Our tempo")
    _button(at, "Save changes").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    db.refresh(copy)
    assert copy.name == "Our tempo"


def test_the_admin_moves_an_athlete_and_reads_the_trail(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.ada, "organization")
    assert any("changes recorded" in c.value for c in at.caption)
    _button(at, "Assign").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any("coach of" in s.value for s in at.success), [e.value for e in at.error]


def test_the_coach_edits_a_session_and_sees_it_against_the_original(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.asha, "plan_builder")
    _button(at, "Build the plan").click()  # type: ignore[attr-defined]
    at.run()
    assert any("No session differs" in c.value for c in at.caption)
    title = next(t for t in at.text_input if t.label == "Title")
    title.set_value("Hill reps on the river path")
    _button(at, "Save the change").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    comparison = at.dataframe[-1].value
    assert list(comparison.columns) == ["original", "current"]
    assert "Hill reps on the river path" in comparison["current"].iloc[0]


def test_the_coach_adds_a_task_and_opens_an_injury_case(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.asha, "athlete")
    next(t for t in at.text_input if t.label == "New task (for you)").set_value(
        "Call about the knee"
    )
    _button(at, "Add task").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any(m.value.startswith("Call about the knee") for m in at.markdown)
    next(t for t in at.text_input if t.label == "Where (injuries)").set_value("left knee")
    _button(at, "Open a case").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any("injury" in m.value and "left knee" in m.value for m in at.markdown)


def test_settings_refuse_bands_in_the_wrong_order(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.ada, "settings")
    next(n for n in at.number_input if n.label == "Amber from").set_value(80)
    _button(at, "Save").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any("amber_min must be below green_min" in e.value for e in at.error)
    assert db.scalar(select(SettingOverride)) is None


def test_analytics_shows_the_weekly_load_of_the_caseload(
    open_page: Open, world: World, db: Session
) -> None:
    riley_red_patch(db, world)
    at = open_page(world.asha, "analytics")
    assert not at.exception
    titles = [json.loads(c.proto.spec).get("title") for c in at.get("vega_lite_chart")]
    assert any(t and "Weekly load" in str(t) for t in titles), titles
