"""Coach · Analytics of the caseload."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from tests.factories import World
from tests.services.coaching_days import riley_red_patch
from tests.ui.conftest import Open


def test_renders_for_a_coach(open_page: Open, world: World) -> None:
    at = open_page(world.asha, "analytics")
    assert at.title


def test_analytics_shows_the_weekly_load_of_the_caseload(
    open_page: Open, world: World, db: Session
) -> None:
    riley_red_patch(db, world)
    at = open_page(world.asha, "analytics")
    assert not at.exception
    titles = [json.loads(c.proto.spec).get("title") for c in at.get("vega_lite_chart")]
    assert any(t and "Weekly load" in str(t) for t in titles), titles
