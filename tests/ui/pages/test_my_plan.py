"""Athlete · My plan."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tests.factories import World
from tests.ui.conftest import Open


def test_renders_for_an_athlete(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.user_of(world.riley, db), "my_plan")
    assert at.title
