"""The log page: a session of any sport, and an implausible one refused with its field named."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import TrainingLog, User
from tests.factories import World

Open = Callable[[User, str | None], AppTest]


def _save(at: AppTest) -> None:
    next(b for b in at.button if b.label == "Save session").click()
    at.run()
    assert not at.exception


def test_a_bike_ride_is_logged_as_a_bike_ride(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.user_of(world.riley, db), "log")
    sport = next(s for s in at.selectbox if s.label == "Sport")
    assert "cross-training" in sport.options
    sport.set_value("bike")
    _save(at)
    (log,) = db.scalars(select(TrainingLog).where(TrainingLog.athlete_id == world.riley.id))
    assert log.sport == "bike"
    assert log.load_details["running_factor"] == 0.7


def test_a_run_too_fast_to_be_real_is_refused_naming_the_distance(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.user_of(world.riley, db), "log")
    next(n for n in at.number_input if n.label.startswith("Duration")).set_value(15.0)
    next(n for n in at.number_input if n.label.startswith("Distance")).set_value(10.0)
    _save(at)
    messages = " ".join(e.value for e in at.error)
    assert "Distance and duration" in messages
    assert "faster than 2:30/km" in messages
    assert db.scalar(select(TrainingLog).where(TrainingLog.athlete_id == world.riley.id)) is None
