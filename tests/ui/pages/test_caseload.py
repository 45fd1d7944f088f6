"""Coach · Caseload."""

from __future__ import annotations

from tests.factories import World
from tests.ui.conftest import Open


def test_renders_for_a_coach(open_page: Open, world: World) -> None:
    at = open_page(world.asha, "caseload")
    assert at.title
