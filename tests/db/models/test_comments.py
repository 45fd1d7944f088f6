"""Session comments as a table: each message belongs to exactly one session, planned or logged,
and leaves with it; its author may go without taking the thread."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runseason.db.models import SessionComment, TrainingLog, User
from runseason.schemas.training import TrainingLogCreate
from runseason.services import training
from tests.db.models.checks import accepted, refused
from tests.factories import NOW, World, actor


def _log(db: Session, world: World) -> int:
    greta = actor(db, world.user_of(world.greta, db))
    day = NOW.date() - timedelta(days=1)
    data = TrainingLogCreate(local_date=day, duration_s=2400, rpe=4)
    return training.log_session(db, greta, world.greta.id, data, now=NOW).id


def test_a_comment_is_about_one_session_and_leaves_with_it(db: Session, world: World) -> None:
    log_id = _log(db, world)
    said = SessionComment(
        organization_id=world.north.id,
        athlete_id=world.greta.id,
        training_log_id=log_id,
        author_id=world.cole.id,
        body="Good pacing.",
    )
    accepted(db, said)
    refused(db, said, "one_session", training_log_id=None)
    about_nothing = SessionComment(
        organization_id=world.north.id, athlete_id=world.greta.id, body="Which run?"
    )
    refused(db, about_nothing, "one_session")
    db.execute(delete(User).where(User.id == world.cole.id))
    db.expire_all()
    assert db.scalar(select(SessionComment.author_id).where(SessionComment.id == said.id)) is None
    db.execute(delete(TrainingLog).where(TrainingLog.id == log_id))
    assert db.scalar(select(SessionComment.id)) is None
