"""Admin · System."""

from __future__ import annotations

from tests.factories import World
from tests.ui.conftest import Open


def test_renders_for_an_admin(open_page: Open, world: World) -> None:
    at = open_page(world.ada, "system")
    assert at.title
