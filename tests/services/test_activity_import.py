"""Device files to sessions: parsed, refused clearly, and the same activity kept as one session."""

from __future__ import annotations

import gzip
from datetime import datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import ActivitySource, ImportRun, TrainingLog
from runseason.db.session import session_scope
from runseason.errors import Conflict, InvalidInput
from runseason.services import activity_import
from tests.conftest import shared_dir
from tests.factories import NOW, World, actor

FIXTURES = shared_dir() / "fixtures" / "activities"
FIT_DAY_NOW = datetime(2017, 6, 12, 12, tzinfo=NOW.tzinfo)


def log_count(db: Session, athlete_id: int) -> int:
    return db.scalar(select(func.count()).where(TrainingLog.athlete_id == athlete_id)) or 0


def source_count(db: Session, athlete_id: int) -> int:
    query = select(func.count()).where(ActivitySource.athlete_id == athlete_id)
    return db.scalar(query) or 0


def test_fit_import_then_duplicate_is_a_conflict(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    content = (FIXTURES / "activity-small-fenix2-run.fit").read_bytes()
    read = activity_import.import_activity(
        db, me, world.greta.id, "run.fit", content, now=FIT_DAY_NOW
    )
    assert read.source == "fit"
    assert read.distance_m == pytest.approx(9008.22)
    assert read.sport == "run"
    with pytest.raises(Conflict, match="already imported"):
        activity_import.import_activity(
            db, me, world.greta.id, "again.fit", content, now=FIT_DAY_NOW
        )


def test_a_broken_file_is_refused_recorded_and_leaves_no_session(world: World) -> None:
    content = (FIXTURES / "activity-unexpected-eof.fit").read_bytes()

    def attempt() -> None:
        with session_scope() as session:
            me = actor(session, world.user_of(world.greta, session))
            activity_import.import_activity(
                session, me, world.greta.id, "bad.fit", content, now=NOW
            )

    with pytest.raises(InvalidInput, match="ends early"):
        attempt()
    with session_scope() as session:
        logs = session.scalar(select(func.count()).where(TrainingLog.athlete_id == world.greta.id))
        runs = session.scalars(
            select(ImportRun).where(ImportRun.athlete_id == world.greta.id)
        ).all()
    assert logs == 0
    assert [r.status for r in runs] == ["failed"]
    assert "ends early" in runs[0].errors[0]


def test_gpx_and_tcx_imports(db: Session, world: World) -> None:
    me = actor(db, world.cole)
    lake = (FIXTURES / "cerknicko-jezero.gpx").read_bytes()
    # The track names no sport, so it is read as a run: 4.69 km in two hours is a walk's pace.
    with pytest.raises(InvalidInput, match="slower than 20:00/km"):
        activity_import.import_activity(db, me, world.greta.id, "lake.gpx", lake, now=NOW)
    gpx = activity_import.import_activity(
        db, me, world.greta.id, "lake.gpx", lake, now=NOW, confirm_unusual=True
    )
    tcx = activity_import.import_activity(
        db, me, world.greta.id, "sup.tcx", (FIXTURES / "sup_activity_1.tcx").read_bytes(), now=NOW
    )
    assert gpx.source == "gpx"
    assert tcx.avg_hr == 88


def gpx_run(seconds: int, metres_per_point: float, points: int = 11, start_s: int = 0) -> bytes:
    """A GPX track along a meridian: ``points`` points ``seconds`` apart."""
    track = "".join(
        f'<trkpt lat="{60 + i * metres_per_point / 111_195:.6f}" lon="10.0">'
        f"<time>2026-03-01T07:{(start_s + i * seconds) // 60:02d}:"
        f"{(start_s + i * seconds) % 60:02d}Z</time></trkpt>"
        for i in range(points)
    )
    return (
        '<?xml version="1.0"?><gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
        f"{track}</trkseg></trk></gpx>"
    ).encode()


def test_an_imported_run_that_is_implausible_is_refused_and_recorded(
    db: Session, world: World
) -> None:
    me = actor(db, world.user_of(world.greta, db))
    content = gpx_run(seconds=60, metres_per_point=1000)  # 10 km in 10 minutes
    with pytest.raises(InvalidInput, match="faster than 2:30/km") as refused:
        activity_import.import_activity(db, me, world.greta.id, "fast.gpx", content, now=NOW)
    assert refused.value.detail == ["distance_m"]
    assert log_count(db, world.greta.id) == 0
    run_row = db.scalars(select(ImportRun).where(ImportRun.athlete_id == world.greta.id)).one()
    assert run_row.status == "failed"
    coach = actor(db, world.cole)
    read = activity_import.import_activity(
        db, coach, world.greta.id, "fast.gpx", content, now=NOW, confirm_unusual=True
    )
    assert read.load_details["unusual_confirmed"] == "distance_m"


def test_the_same_activity_from_two_files_is_one_session_with_both_sources(
    db: Session, world: World
) -> None:
    me = actor(db, world.user_of(world.greta, db))
    watch = gpx_run(seconds=30, metres_per_point=100, points=41)  # 4 km in 20 minutes
    # The phone started 60 s later, and its track is 2 % longer: the same run.
    phone = gpx_run(seconds=30, metres_per_point=102, points=41, start_s=60)
    first = activity_import.import_activity(db, me, world.greta.id, "watch.gpx", watch, now=NOW)
    second = activity_import.import_activity(db, me, world.greta.id, "phone.gpx", phone, now=NOW)
    assert second.id == first.id
    assert activity_import.MERGED in second.warnings
    assert log_count(db, world.greta.id) == 1
    names = db.scalars(
        select(ActivitySource.filename).where(ActivitySource.training_log_id == first.id)
    ).all()
    assert sorted(names) == ["phone.gpx", "watch.gpx"]


def test_a_longer_run_at_the_same_time_is_another_session(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    watch = gpx_run(seconds=30, metres_per_point=100, points=41)
    longer = gpx_run(seconds=30, metres_per_point=104, points=41)  # 4 % longer
    activity_import.import_activity(db, me, world.greta.id, "watch.gpx", watch, now=NOW)
    activity_import.import_activity(db, me, world.greta.id, "other.gpx", longer, now=NOW)
    assert log_count(db, world.greta.id) == 2


def test_uploading_the_same_file_again_changes_nothing(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    watch = gpx_run(seconds=30, metres_per_point=100, points=41)
    first = activity_import.import_activity(db, me, world.greta.id, "watch.gpx", watch, now=NOW)
    with pytest.raises(Conflict, match="already imported") as again:
        activity_import.import_activity(db, me, world.greta.id, "renamed.gpx", watch, now=NOW)
    assert again.value.detail == first.id
    assert (log_count(db, world.greta.id), source_count(db, world.greta.id)) == (1, 1)


def test_a_lone_gzipped_file_is_imported_as_the_file_inside(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    content = (FIXTURES / "activity-small-fenix2-run.fit").read_bytes()
    read = activity_import.import_activity(
        db, me, world.greta.id, "1001.fit.gz", gzip.compress(content), now=FIT_DAY_NOW
    )
    assert (read.source, read.distance_m) == ("fit", pytest.approx(9008.22))
    with pytest.raises(Conflict, match="already imported"):
        activity_import.import_activity(db, me, world.greta.id, "1001.fit", content, now=NOW)
    with pytest.raises(InvalidInput, match="not a readable gzip"):
        activity_import.import_activity(db, me, world.greta.id, "x.fit.gz", b"\x1f\x8bxx", now=NOW)
