"""Imports run to the end by the worker and the command line, resuming where they stopped."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import ImportRun, ImportUpload, TrainingLog
from runseason.errors import NotFound
from runseason.services import import_jobs, imports
from tests.archives import fixture, strava_export
from tests.factories import NOW, World, actor


def test_the_worker_runs_a_queued_export_and_forgets_its_bytes(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    queued = imports.start_import(db, me, world.greta.id, "export.zip", strava_export(), now=NOW)
    assert import_jobs.run_queued(now=lambda: NOW) == 1
    run = db.get(ImportRun, queued.id)
    assert run is not None
    db.refresh(run)
    assert (run.status, run.rows_done, run.rows_imported, run.rows_refused) == ("partial", 8, 3, 3)
    assert db.get(ImportUpload, queued.id) is None
    assert import_jobs.run_queued(now=lambda: NOW) == 0


def test_an_interrupted_import_resumes_where_it_stopped(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    queued = imports.start_import(db, me, world.greta.id, "export.zip", strava_export(), now=NOW)
    items = imports.plan_for(world.greta, "export.zip", strava_export(), None)
    for position in list(enumerate(items))[:3]:  # the worker stopped after three items
        imports.import_item(db, me, world.greta.id, queued.id, position, now=NOW)
    import_jobs.run_upload(queued.id, now=lambda: NOW)
    run = db.get(ImportRun, queued.id)
    assert run is not None
    db.refresh(run)
    assert (run.rows_done, run.rows_imported, run.rows_duplicate, run.rows_refused) == (8, 3, 2, 3)
    assert db.scalar(select(func.count()).select_from(TrainingLog)) == 3


def test_paths_import_once_and_a_rerun_skips_what_was_imported(
    db: Session, world: World, tmp_path: Path
) -> None:
    email = world.user_of(world.greta, db).email
    (tmp_path / "export.zip").write_bytes(strava_export())
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "sup.tcx.gz").write_bytes(gzip.compress(fixture("sup_activity_1.tcx")))
    (tmp_path / "more" / "notes.txt").write_text("not an activity")
    seen: list[imports.ItemResult] = []
    runs = import_jobs.import_paths(
        [tmp_path / "export.zip", tmp_path / "more", tmp_path / "missing.fit"],
        email.upper(),
        now=lambda: NOW,
        on_item=seen.append,
    )
    assert [(r.rows_imported, r.rows_duplicate, r.rows_refused) for r in runs] == [
        (3, 2, 3),
        (0, 1, 0),
        (0, 0, 1),
    ]
    assert runs[2].errors[0].endswith("missing.fit: no such file or folder")
    assert "sup.tcx.gz: sup.tcx" in [r.name for r in seen]
    again = import_jobs.import_paths([tmp_path / "export.zip"], email, now=lambda: NOW)
    assert (again[0].rows_imported, again[0].rows_duplicate) == (0, 5)


def test_only_an_athletes_email_is_accepted(db: Session, world: World, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no athlete account"):
        import_jobs.import_paths([tmp_path], world.cole.email, now=lambda: NOW)


def test_the_schedulers_job_runs_what_is_queued(db: Session, world: World) -> None:
    from runseason.scheduler import JOBS  # noqa: PLC0415

    me = actor(db, world.user_of(world.greta, db))
    imports.start_import(db, me, world.greta.id, "export.zip", strava_export(), now=NOW)
    job = next(j for j in JOBS if j.name == "imports.queued")
    assert job.func(now=NOW) == 1
    assert db.scalar(select(func.count()).select_from(ImportUpload)) == 0
