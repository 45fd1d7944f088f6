"""Coach · Athlete: the case, its tasks and health cases."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tests.factories import World
from tests.ui.conftest import Open, button_of


def test_renders_for_a_coach(open_page: Open, world: World) -> None:
    at = open_page(world.asha, "athlete")
    assert at.title


def test_the_coach_adds_a_task_and_opens_an_injury_case(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.asha, "athlete")
    next(t for t in at.text_input if t.label == "New task (for you)").set_value(
        "Call about the knee"
    )
    button_of(at, "Add task").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any(m.value.startswith("Call about the knee") for m in at.markdown)
    next(t for t in at.text_input if t.label == "Where (injuries)").set_value("left knee")
    button_of(at, "Open a case").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any("injury" in m.value and "left knee" in m.value for m in at.markdown)
