"""Coach · Command Center: this morning's queue and acting on it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import Intervention
from tests.factories import World
from tests.services.coaching_days import riley_red_patch
from tests.ui.conftest import Open, button_of


def test_renders_for_a_coach(open_page: Open, world: World) -> None:
    at = open_page(world.asha, "command_center")
    assert at.title


def test_the_coach_acknowledges_an_intervention(open_page: Open, world: World, db: Session) -> None:
    riley_red_patch(db, world)
    at = open_page(world.asha, "command_center")
    assert any("Riley Red" in str(e.label) for e in at.expander)
    button_of(at, "Acknowledge").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    acknowledged = db.scalars(
        select(Intervention).where(
            Intervention.athlete_id == world.riley.id, Intervention.acknowledged_at.is_not(None)
        )
    ).all()
    assert acknowledged
