"""Archives and CSVs queued and imported item by item: limits first, duplicates merged."""

from __future__ import annotations

import gzip

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import ActivitySource, ImportRun, ImportUpload, TrainingLog
from runseason.errors import InvalidInput, NotFound
from runseason.schemas.imports import CsvColumns
from runseason.services import imports
from tests.archives import fixture, strava_export, zip_of
from tests.factories import NOW, World, actor


def count(db: Session, model: type[object]) -> int:
    return db.scalar(select(func.count()).select_from(model)) or 0


def import_all(db: Session, world: World, filename: str, content: bytes) -> ImportRun:
    """Queue an upload and import its items one by one, as the worker does."""
    me = actor(db, world.user_of(world.greta, db))
    started = imports.start_import(db, me, world.greta.id, filename, content, now=NOW)
    upload = db.get(ImportUpload, started.id)
    assert upload is not None
    items = imports.plan_for(world.greta, filename, upload.content, None)
    for position in enumerate(items):
        imports.import_item(db, me, world.greta.id, started.id, position, now=NOW)
    run = db.get(ImportRun, started.id)
    assert run is not None
    imports.finish(run, NOW)
    return run


def test_a_strava_export_imports_once_with_duplicates_merged_and_refusals_explained(
    db: Session, world: World
) -> None:
    run = import_all(db, world, "export.zip", strava_export())
    assert (run.rows_total, run.rows_done) == (8, 8)
    assert (run.rows_imported, run.rows_duplicate, run.rows_refused) == (3, 2, 3)
    assert run.status == "partial"
    reasons = "\n".join(run.errors)
    assert "activities/1004.gpx: " in reasons
    assert "slower than 20:00/km" in reasons
    assert "activities/1005.fit: The FIT file ends early" in reasons
    assert "activities.csv, line 4: Activity Date: 'someday'" in reasons
    fenix = db.scalars(select(TrainingLog).where(TrainingLog.distance_m > 9000)).one()
    sources = db.scalars(
        select(ActivitySource.filename).where(ActivitySource.training_log_id == fenix.id)
    ).all()
    assert sorted(sources) == ["activities.csv, line 2", "activities/1001.fit"]
    treadmill = db.scalars(select(TrainingLog).where(TrainingLog.title == "Treadmill")).one()
    assert (treadmill.sport, treadmill.source, treadmill.distance_m) == ("treadmill", "csv", 5000)


def test_the_same_export_again_imports_nothing_new(db: Session, world: World) -> None:
    import_all(db, world, "export.zip", strava_export())
    logs, sources = count(db, TrainingLog), count(db, ActivitySource)
    again = import_all(db, world, "export-again.zip", strava_export())
    assert (again.rows_imported, again.rows_duplicate, again.rows_refused) == (0, 5, 3)
    assert (count(db, TrainingLog), count(db, ActivitySource)) == (logs, sources)


@pytest.mark.parametrize(
    ("filename", "content", "reason"),
    [
        ("bomb.zip", zip_of({"a.gpx": b"\0" * (8 * 1024 * 1024)}), "zip bomb"),
        ("escape.zip", zip_of({"../a.fit": fixture("garmin-fenix-5-run.fit")}), "traversal"),
        ("photos.zip", zip_of({"a.jpg": b"\xff\xd8"}), "holds no FIT, GPX, TCX"),
        ("list.csv", b"when,what\n2024-01-01,run\n", "map its columns"),
        ("empty.zip", b"", "is empty"),
    ],
)
def test_a_refused_upload_names_the_reason_and_writes_nothing(
    db: Session, world: World, filename: str, content: bytes, reason: str
) -> None:
    me = actor(db, world.user_of(world.greta, db))
    before = count(db, ImportRun), count(db, ImportUpload), count(db, TrainingLog)
    with pytest.raises(InvalidInput, match=reason):
        imports.start_import(db, me, world.greta.id, filename, content, now=NOW)
    assert (count(db, ImportRun), count(db, ImportUpload), count(db, TrainingLog)) == before


def test_a_mapped_csv_and_a_lone_gzip_file_are_queued(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    columns = CsvColumns(start="when", duration="secs", distance="km")
    csv = b"when,secs,km\n2024-04-01 06:30:00,2400,8\n2024-04-02 06:30:00,1800,6\n"
    queued = imports.start_import(db, me, world.greta.id, "log.csv", csv, now=NOW, columns=columns)
    assert (queued.status, queued.rows_total, queued.rows_done) == ("running", 2, 0)
    lone = gzip.compress(fixture("activity-small-fenix2-run.fit"))
    single = imports.start_import(db, me, world.greta.id, "run.fit.gz", lone, now=NOW)
    assert single.rows_total == 1
    listed = imports.list_imports(db, me, world.greta.id)
    assert [i.filename for i in listed[:2]] == ["run.fit.gz", "log.csv"]


def test_another_athletes_import_is_not_found(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    queued = imports.start_import(
        db,
        me,
        world.greta.id,
        "run.fit.gz",
        gzip.compress(fixture("garmin-fenix-5-run.fit")),
        now=NOW,
    )
    assert imports.get_import(db, actor(db, world.cole), world.greta.id, queued.id).id == queued.id
    riley = actor(db, world.user_of(world.riley, db))
    with pytest.raises(NotFound):
        imports.get_import(db, riley, world.riley.id, queued.id)
