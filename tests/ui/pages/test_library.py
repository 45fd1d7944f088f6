"""Coach · Session library: browse, clone and edit."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import SessionTemplate
from runseason.services.plans import library
from tests.factories import World
from tests.ui.conftest import Open, button_of


def test_renders_for_a_coach(open_page: Open, world: World) -> None:
    at = open_page(world.asha, "library")
    assert at.title


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
    button_of(at, "Save changes").click()  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    db.refresh(copy)
    assert copy.name == "Our tempo"
