"""Activity files and streams as tables: a file stored once per athlete and content, a stream
one per logged session that goes with it, and its file loaded only when asked for."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Session, selectinload

from runseason.db.models import ActivityFile, ActivityStream, TrainingLog
from runseason.schemas.training import TrainingLogCreate
from runseason.services import training
from tests.db.models.checks import accepted, refused
from tests.factories import NOW, World, actor


def _file(world: World, athlete_id: int, sha: str = "a") -> ActivityFile:
    return ActivityFile(
        organization_id=world.north.id,
        athlete_id=athlete_id,
        sha256=sha * 64,
        file_format="gpx",
        filename="run.gpx",
        size_bytes=3,
        content=b"gpx",
    )


def test_a_file_is_stored_once_per_athlete_and_content(db: Session, world: World) -> None:
    accepted(db, _file(world, world.greta.id))
    refused(db, _file(world, world.greta.id), "activity_files")
    accepted(db, _file(world, world.sam.id))  # another athlete's copy
    accepted(db, _file(world, world.greta.id, "b"))


def test_a_stream_goes_with_its_session_and_loads_its_file_only_when_asked(
    db: Session, world: World
) -> None:
    data = TrainingLogCreate(local_date=NOW.date(), duration_s=1800, distance_m=5000, rpe=5)
    log = training.log_session(db, actor(db, world.cole), world.greta.id, data, now=NOW)
    stored = _file(world, world.greta.id)
    accepted(db, stored)
    stream = ActivityStream(
        organization_id=world.north.id,
        training_log_id=log.id,
        athlete_id=world.greta.id,
        file_id=stored.id,
        point_count=0,
        data=b"",
    )
    accepted(db, stream)
    assert (stream.channels, stream.laps, stream.summary) == ([], [], {})
    db.expire_all()
    lazy = db.get(ActivityStream, log.id)
    assert lazy is not None
    with pytest.raises(InvalidRequestError):
        _ = lazy.file  # never a query behind the caller's back
    db.expire_all()
    eager = db.scalars(select(ActivityStream).options(selectinload(ActivityStream.file))).one()
    assert eager.file is not None
    assert eager.file.sha256 == "a" * 64
    db.execute(delete(TrainingLog).where(TrainingLog.id == log.id))
    db.expire_all()
    assert db.get(ActivityStream, log.id) is None
