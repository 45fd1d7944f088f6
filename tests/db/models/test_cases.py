"""Notes, tasks, health cases and timeline events as tables: statuses and kinds from their lists,
the defaults of each, and everything removed with the athlete."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, CaseNote, HealthCase, Task, TimelineEvent
from tests.db.models.checks import accepted, refused
from tests.factories import World


def _tenant(world: World) -> dict[str, int]:
    return {"organization_id": world.north.id, "athlete_id": world.greta.id}


def test_a_note_is_private_by_default(db: Session, world: World) -> None:
    note = CaseNote(**_tenant(world), body="Knee fine")
    accepted(db, note)
    assert note.shared_with_athlete is False


def test_a_task_and_a_health_case_take_statuses_and_kinds_from_their_lists(
    db: Session, world: World
) -> None:
    task = Task(**_tenant(world), title="Call")
    accepted(db, task)
    assert task.status == "open"
    refused(db, task, "status_valid", status="forgotten")
    case = HealthCase(**_tenant(world), kind="injury", started_on=date(2027, 1, 4))
    accepted(db, case)
    assert (case.status, case.progression) == ("open", [])
    refused(db, case, "kind_valid", kind="heartbreak")
    refused(db, case, "status_valid", status="healed")


def test_an_athletes_case_rows_go_with_the_athlete(db: Session, world: World) -> None:
    db.add_all(
        [
            CaseNote(**_tenant(world), body="n"),
            Task(**_tenant(world), title="t"),
            TimelineEvent(**_tenant(world), kind="note", title="n"),
        ]
    )
    db.flush()
    db.execute(delete(Athlete).where(Athlete.id == world.greta.id))
    for model in (CaseNote, Task, TimelineEvent):
        left = db.scalar(select(func.count()).where(model.athlete_id == world.greta.id))
        assert left == 0, model.__name__
