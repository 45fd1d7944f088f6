"""Case work: notes, tasks and health cases."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from runseason.errors import Conflict
from runseason.schemas.cases import HealthCaseCreate, NoteCreate, TaskCreate
from runseason.services import cases
from tests.factories import NOW, World, actor


def test_notes_tasks_and_health_cases(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    cases.add_note(db, coach, world.greta.id, NoteCreate(body="private"), now=NOW)
    cases.add_note(
        db, coach, world.greta.id, NoteCreate(body="shared", shared_with_athlete=True), now=NOW
    )
    athlete = actor(db, world.user_of(world.greta, db))
    assert [n.body for n in cases.list_notes(db, athlete, world.greta.id)] == ["shared"]
    task = cases.add_task(db, coach, world.greta.id, TaskCreate(title="Order insoles"), now=NOW)
    assert [t.title for t in cases.list_my_tasks(db, coach)] == ["Order insoles"]
    cases.complete_task(db, coach, task.id, now=NOW)
    assert cases.list_my_tasks(db, coach) == []
    case = cases.open_health_case(
        db,
        coach,
        world.greta.id,
        HealthCaseCreate(kind="injury", location="calf", started_on=NOW.date()),
        now=NOW,
    )
    rtr = cases.advance_health_case(db, coach, case.id, now=NOW)
    assert rtr.status == "return_to_run"
    assert rtr.progression[0]["volume"] == 0.25
    assert cases.advance_health_case(db, coach, case.id, now=NOW).status == "closed"
    with pytest.raises(Conflict):
        cases.advance_health_case(db, coach, case.id, now=NOW)
