"""Logged sessions and import runs as tables: sports, kinds, sources and load models from their
lists, a positive duration, heart rates and scales in range, one log per device fingerprint."""

from __future__ import annotations

from sqlalchemy.orm import Session

from runseason.db.models import ImportRun, TrainingLog
from runseason.schemas.training import TrainingLogCreate
from runseason.services import training
from tests.db.models.checks import accepted, refused
from tests.factories import NOW, World, actor


def _logged(db: Session, world: World) -> TrainingLog:
    data = TrainingLogCreate(local_date=NOW.date(), duration_s=1800, distance_m=5000, rpe=5)
    made = training.log_session(db, actor(db, world.cole), world.greta.id, data, now=NOW)
    row = db.get(TrainingLog, made.id)
    assert row is not None
    return row


def test_a_log_refuses_what_no_session_can_be(db: Session, world: World) -> None:
    row = _logged(db, world)
    assert (row.sport, row.kind, row.source, row.pain_flag) == ("run", "training", "manual", False)
    refused(db, row, "duration_positive", duration_s=0)
    refused(db, row, "distance_m_non_negative", distance_m=-1)
    refused(db, row, "avg_hr_range", avg_hr=300)
    refused(db, row, "rpe_range", rpe=11)
    refused(db, row, "feel_range", feel=0)
    refused(db, row, "sport_valid", sport="chess")
    refused(db, row, "kind_valid", kind="parkrun")
    refused(db, row, "source_valid", source="fax")
    refused(db, row, "load_model_valid", load_model="vibes")


def test_a_device_fingerprint_is_logged_once_per_athlete(db: Session, world: World) -> None:
    first, second = _logged(db, world), _logged(db, world)  # no fingerprint: both kept
    accepted(db, first, source_fingerprint="garmin:123")
    refused(db, second, "fingerprint|training_logs", source_fingerprint="garmin:123")


def test_an_import_run_starts_running_with_nothing_counted(db: Session, world: World) -> None:
    run = ImportRun(
        organization_id=world.north.id,
        athlete_id=world.greta.id,
        source="csv",
        filename="runs.csv",
        file_sha256="f" * 64,
        size_bytes=10,
    )
    accepted(db, run)
    assert (run.status, run.rows_total, run.rows_imported, run.errors) == ("running", 0, 0, [])
    refused(db, run, "status_valid", status="paused")
