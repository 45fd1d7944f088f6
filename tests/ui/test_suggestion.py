"""Today shows the athlete a suggestion in assisted mode, and their answer reaches the coach."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import Recommendation, User
from runseason.domain.dates import local_date
from runseason.ui import runtime
from tests.factories import World

Open = Callable[[User, str | None], AppTest]


def _suggest(db: Session, world: World) -> Recommendation:
    rec = Recommendation(
        organization_id=world.north.id,
        athlete_id=world.greta.id,
        local_date=local_date(runtime.now(), world.greta.timezone),
        type="drop_intensity",
        title="Drop the intensity: easy running only: readiness in the amber band",
        rationale="Because of readiness in the amber band.",
        risk=0.3,
        confidence=0.8,
        bucket="watch",
        proposed_action={"kind": "drop_intensity", "days": 1},
        decision="ask_athlete",
        status="open",
    )
    db.add(rec)
    db.flush()
    return rec


def test_the_athlete_accepts_the_suggestion_on_today(
    open_page: Open, world: World, db: Session
) -> None:
    rec = _suggest(db, world)
    at = open_page(world.user_of(world.greta, db), None)
    assert [s.value for s in at.subheader].count("A suggestion for today") == 1
    assert runtime.plain(rec.title) in [m.value.strip("*") for m in at.markdown]  # as typed
    (accept,) = [b for b in at.button if b.label == "Accept the change"]
    accept.click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    db.refresh(rec)
    assert (rec.athlete_answer, rec.status) == ("accepted", "applied")
    assert "You accepted the change; your coach sees your answer." in [s.value for s in at.success]


def test_no_suggestion_section_without_one(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.user_of(world.greta, db), None)
    assert "A suggestion for today" not in [s.value for s in at.subheader]
