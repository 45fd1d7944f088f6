"""The coach's plan edits under the calendar: cancel, add from the library, swap, replace,
scale the week; each saved and confirmed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import PlannedSession
from tests.factories import World
from tests.ui.conftest import Open, button_of


def _build(at: AppTest) -> None:
    button_of(at, "Build the plan").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]


def _picker(at: AppTest, label: str) -> object:
    return next(s for s in at.selectbox if s.label == label)


def test_the_coach_cancels_adds_and_scales_from_the_calendar(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.asha, "plan_builder")
    _build(at)
    chosen_id = _picker(at, "Session to change").value  # type: ignore[attr-defined]
    button_of(at, "Cancel this session").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    cancelled = db.get(PlannedSession, chosen_id)
    assert cancelled is not None
    db.refresh(cancelled)
    assert cancelled.status == "cancelled"
    before = len(db.scalars(select(PlannedSession)).all())
    button_of(at, "Add to the plan").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    assert len(db.scalars(select(PlannedSession)).all()) == before + 1
    planned = db.scalars(select(PlannedSession.planned_duration_s)).all()
    next(s for s in at.slider if s.label.startswith("Volume")).set_value(50)
    button_of(at, "Scale the week").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    assert db.scalars(select(PlannedSession.planned_duration_s)).all() != planned
    assert any("scaled to 50 %" in t.value for t in at.toast)


def test_the_coach_swaps_and_replaces_from_the_calendar(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.asha, "plan_builder")
    _build(at)
    first = db.get(PlannedSession, _picker(at, "Swap").value)  # type: ignore[attr-defined]
    second = db.get(PlannedSession, _picker(at, "With").value)  # type: ignore[attr-defined]
    assert first is not None
    assert second is not None
    days = (first.scheduled_date, second.scheduled_date)
    button_of(at, "Swap the two days").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    db.refresh(first)
    db.refresh(second)
    assert (second.scheduled_date, first.scheduled_date) == days
    assert any("Swapped" in t.value for t in at.toast)
    target = db.get(PlannedSession, _picker(at, "Session to replace").value)  # type: ignore[attr-defined]
    assert target is not None
    template = _picker(at, "Library session")
    button_of(at, "Replace it").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    db.refresh(target)
    assert target.template_id == template.value  # type: ignore[attr-defined]
    assert any("is now" in t.value for t in at.toast)
