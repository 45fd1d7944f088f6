"""The case history: notes, tasks, injuries and illnesses."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from runseason.errors import Conflict, InvalidInput, NotFound, PermissionDenied
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
    assert [n.body for n in cases.list_notes(db, athlete, world.greta.id).items] == ["shared"]
    task = cases.add_task(db, coach, world.greta.id, TaskCreate(title="Order insoles"), now=NOW)
    assert [t.title for t in cases.list_my_tasks(db, coach).items] == ["Order insoles"]
    cases.complete_task(db, coach, task.id, now=NOW)
    assert cases.list_my_tasks(db, coach).items == []
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


def test_an_athlete_sees_only_the_notes_shared_with_them(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    cases.add_note(db, coach, world.greta.id, NoteCreate(body="Private"), now=NOW)
    cases.add_note(
        db, coach, world.greta.id, NoteCreate(body="Shared", shared_with_athlete=True), now=NOW
    )
    greta = actor(db, world.user_of(world.greta, db))
    assert [n.body for n in cases.list_notes(db, greta, world.greta.id).items] == ["Shared"]
    assert len(cases.list_notes(db, coach, world.greta.id).items) == 2
    with pytest.raises(PermissionDenied):
        cases.add_note(db, greta, world.greta.id, NoteCreate(body="Me"), now=NOW)


def test_a_task_for_a_colleague_and_never_for_an_athlete(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    task = cases.add_task(
        db, coach, world.greta.id, TaskCreate(title="Call", assignee_id=world.asha.id), now=NOW
    )
    assert [t.id for t in cases.list_my_tasks(db, actor(db, world.asha)).items] == [task.id]
    done = cases.complete_task(db, coach, task.id, now=NOW)
    assert done.status == "done"
    assert cases.list_my_tasks(db, actor(db, world.asha)).items == []
    with pytest.raises(Conflict):
        cases.complete_task(db, coach, task.id, now=NOW)
    athlete_user = world.user_of(world.riley, db)
    with pytest.raises(NotFound):
        cases.add_task(
            db, coach, world.greta.id, TaskCreate(title="x", assignee_id=athlete_user.id), now=NOW
        )


def test_a_health_case_goes_open_return_to_run_closed(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    opened = cases.open_health_case(
        db,
        coach,
        world.greta.id,
        HealthCaseCreate(kind="injury", location="calf", started_on=date(2026, 11, 20)),
        now=NOW,
    )
    with pytest.raises(InvalidInput, match="2 to 4 weeks"):
        cases.advance_health_case(db, coach, opened.id, now=NOW, weeks=6)
    back = cases.advance_health_case(db, coach, opened.id, now=NOW)
    assert back.status == "return_to_run"
    assert back.progression
    assert cases.advance_health_case(db, coach, opened.id, now=NOW).status == "closed"
    with pytest.raises(Conflict):
        cases.advance_health_case(db, coach, opened.id, now=NOW)
    assert [c.status for c in cases.list_health_cases(db, coach, world.greta.id).items] == [
        "closed"
    ]
