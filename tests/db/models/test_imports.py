"""Imported activities and waiting uploads as tables: a source recorded once per athlete and
content, gone with its session; an upload gone with its import run."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from runseason.db.models import ActivitySource, ImportRun, ImportUpload, TrainingLog
from runseason.schemas.training import TrainingLogCreate
from runseason.services import training
from tests.db.models.checks import accepted, refused
from tests.factories import NOW, World, actor


def _source(world: World, log_id: int, sha: str = "c") -> ActivitySource:
    return ActivitySource(
        organization_id=world.north.id,
        training_log_id=log_id,
        athlete_id=world.greta.id,
        source="gpx",
        filename="run.gpx",
        content_sha256=sha * 64,
        started_at=NOW,
        duration_s=1800,
    )


def test_a_source_is_recorded_once_per_athlete_and_content(db: Session, world: World) -> None:
    data = TrainingLogCreate(local_date=NOW.date(), duration_s=1800, rpe=5)
    log = training.log_session(db, actor(db, world.cole), world.greta.id, data, now=NOW)
    accepted(db, _source(world, log.id))
    refused(db, _source(world, log.id), "activity_sources")
    accepted(db, _source(world, log.id, "d"))
    db.execute(delete(TrainingLog).where(TrainingLog.id == log.id))
    left = db.scalar(select(func.count()).where(ActivitySource.training_log_id == log.id))
    assert left == 0


def test_an_upload_waits_with_its_run_and_goes_with_it(db: Session, world: World) -> None:
    run = ImportRun(
        organization_id=world.north.id,
        athlete_id=world.greta.id,
        source="csv",
        filename="runs.csv",
        file_sha256="f" * 64,
        size_bytes=3,
    )
    accepted(db, run)
    upload = ImportUpload(organization_id=world.north.id, import_run_id=run.id, content=b"a,b")
    accepted(db, upload)
    assert upload.csv_mapping is None
    db.expunge(upload)  # the key is the run: let the database, not the session, refuse a twin
    refused(
        db,
        ImportUpload(organization_id=world.north.id, import_run_id=run.id, content=b"x"),
        "import_uploads",
    )
    db.execute(delete(ImportRun).where(ImportRun.id == run.id))
    db.expire_all()
    assert db.get(ImportUpload, run.id) is None
