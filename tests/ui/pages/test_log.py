"""Athlete · Log: logging a session by hand."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import TrainingLog
from tests.factories import World
from tests.ui.conftest import Open, button_of


def test_renders_for_an_athlete(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.user_of(world.riley, db), "log")
    assert at.title


def test_logging_a_session_by_hand(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.user_of(world.riley, db), "log")
    button_of(at, "Save session").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert any("Saved: load" in t.value for t in at.toast)
    logs = db.scalars(select(TrainingLog).where(TrainingLog.athlete_id == world.riley.id)).all()
    assert len(logs) == 1
    assert logs[0].duration_s == 45 * 60


def _picker(at: object, label: str) -> object:
    return next(s for s in at.selectbox if s.label == label)  # type: ignore[attr-defined]


def test_a_race_is_logged_as_a_race_and_a_refused_entry_keeps_what_was_typed(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.user_of(world.riley, db), "log")
    _picker(at, "Kind").set_value("race")  # type: ignore[attr-defined]
    next(n for n in at.number_input if n.label.startswith("Duration")).set_value(15.0)
    next(n for n in at.number_input if n.label.startswith("Distance")).set_value(10.0)
    button_of(at, "Save session").click()  # type: ignore[attr-defined]
    at.run()
    assert any("Distance and duration" in e.value for e in at.error)
    assert next(n for n in at.number_input if n.label.startswith("Distance")).value == 10.0
    assert _picker(at, "Kind").value == "race"  # type: ignore[attr-defined]
    next(n for n in at.number_input if n.label.startswith("Duration")).set_value(42.0)
    button_of(at, "Save session").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    (log,) = db.scalars(select(TrainingLog).where(TrainingLog.athlete_id == world.riley.id))
    assert (log.kind, log.duration_s) == ("race", 42 * 60)
    assert any("race of 42:00" in t.value for t in at.toast)


def test_a_logged_session_is_corrected_then_deleted(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.user_of(world.riley, db), "log")
    button_of(at, "Save session").click()  # type: ignore[attr-defined]
    at.run()
    _picker(at, "As").set_value("bike")  # type: ignore[attr-defined]
    next(n for n in at.number_input if n.label == "Minutes").set_value(70.0)
    button_of(at, "Save the correction").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    (log,) = db.scalars(select(TrainingLog).where(TrainingLog.athlete_id == world.riley.id))
    db.refresh(log)
    log_id = log.id
    assert (log.sport, log.duration_s) == ("bike", 70 * 60)
    assert next(n for n in at.number_input if n.label == "Minutes").value == 70.0
    button_of(at, "Delete the session").click()  # type: ignore[attr-defined]
    at.run()
    assert any("Yes, delete this session" in e.value for e in at.error)
    assert db.scalar(select(TrainingLog).where(TrainingLog.id == log_id)) is not None
    next(c for c in at.checkbox if c.label == "Yes, delete this session").check()
    button_of(at, "Delete the session").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception, [e.value for e in at.error]
    db.expire_all()
    assert db.scalar(select(TrainingLog).where(TrainingLog.id == log_id)) is None
    assert any("Deleted" in t.value for t in at.toast)
