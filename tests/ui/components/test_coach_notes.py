"""The coach's shared notes on the athlete's Today and My plan; private notes stay private."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from runseason.db.types import utcnow
from runseason.schemas.cases import NoteCreate
from runseason.services import cases
from runseason.ui import runtime
from tests.factories import World, actor
from tests.ui.conftest import Open, text_of


@pytest.mark.parametrize("page", ["today", "my_plan"])
def test_the_athlete_reads_the_coach_s_shared_note_and_not_the_private_one(
    open_page: Open, world: World, db: Session, page: str
) -> None:
    coach = actor(db, world.asha)
    shared = NoteCreate(body="Great tempo yesterday, keep Friday easy.", shared_with_athlete=True)
    private = NoteCreate(body="Watch the knee; ask the physio.", shared_with_athlete=False)
    cases.add_note(db, coach, world.riley.id, shared, now=utcnow())
    cases.add_note(db, coach, world.riley.id, private, now=utcnow())
    db.flush()
    text = text_of(open_page(world.user_of(world.riley, db), page))
    assert "From your coach" in text
    assert runtime.plain("Great tempo yesterday, keep Friday easy.") in text  # escaped, as typed
    assert "ask the physio" not in text


def test_without_shared_notes_there_is_no_box(open_page: Open, world: World, db: Session) -> None:
    text = text_of(open_page(world.user_of(world.ramp, db), "today"))
    assert "From your coach" not in text


@pytest.mark.parametrize("page", ["today", "my_plan"])
def test_the_shared_note_is_shown_as_typed_never_as_markup(
    open_page: Open, world: World, db: Session, page: str
) -> None:
    coach = actor(db, world.asha)
    body = "Easy *conversational* run ![pixel](https://elsewhere.example/p.png) [then strides]"
    cases.add_note(
        db, coach, world.riley.id, NoteCreate(body=body, shared_with_athlete=True), now=utcnow()
    )
    db.flush()
    at = open_page(world.user_of(world.riley, db), page)
    shown = next(m.value for m in at.markdown if "conversational" in m.value)
    assert shown == runtime.plain(body)  # every mark escaped: Markdown shows it as written
    assert "![pixel](" not in shown
