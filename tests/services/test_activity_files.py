"""An imported file is kept whole, its samples stored as streams, and its load read from them."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import ActivityFile, ActivityStream, TrainingLog
from runseason.domain.streams import unpack
from runseason.parsers import parse_activity
from runseason.schemas.accounts import AthleteUpdate
from runseason.services import training
from runseason.services.activity_import import import_activity as import_file
from runseason.services.identity import users
from tests.factories import NOW, World, actor
from tests.parsers.conftest import LIMIT, read

FIT_DAY_NOW = datetime(2017, 6, 12, 12, tzinfo=NOW.tzinfo)
# A runner whose thresholds come from this run's own hardest 30 minutes (Friel's field test):
# LTHR is the last 20 minutes' mean heart rate, threshold pace their grade-adjusted pace.
FENIX2_THRESHOLDS = {"lthr": 170, "threshold_pace_s_per_km": 268, "hr_rest": 50, "hr_max": 190}
AGREEMENT = 0.15  # rSS and hrSS of one session from its trace agree within 15 % (docs/science.md)


@pytest.mark.parametrize(
    "name",
    [
        "garmin-fenix-5-run.fit",
        "activity-small-fenix2-run.fit",
        "sample-activity.fit",
        "garmin-edge-500-activity.fit",
        "cerknicko-jezero.gpx",
        "track-with-empty-segment.gpx",
        "sup_activity_1.tcx",
    ],
)
def test_every_importable_fixture_keeps_its_file_and_streams(
    db: Session, world: World, name: str
) -> None:
    coach = actor(db, world.cole)
    content = read(name)
    parsed = parse_activity(name, content, max_bytes=LIMIT)
    now = parsed.start_time + timedelta(days=1)
    read_ = import_file(db, coach, world.greta.id, name, content, now=now, confirm_unusual=True)
    kept = db.scalars(select(ActivityFile).where(ActivityFile.training_log_id == read_.id)).one()
    assert kept.content == content
    assert kept.size_bytes == len(content)
    stored = db.get(ActivityStream, read_.id)
    assert stored is not None
    assert stored.file_id == kept.id
    streams = unpack(stored.channels, stored.data, stored.point_count)
    assert len(streams) == len(parsed.streams)
    assert set(streams.columns) == set(parsed.streams.columns)
    assert len(stored.laps) == len(parsed.laps)
    assert stored.summary["moving_time_s"] > 0
    assert read_.load_details["samples"] == len(parsed.streams)


def test_a_deleted_session_keeps_its_file_and_a_reupload_finds_it(
    db: Session, world: World
) -> None:
    me = actor(db, world.user_of(world.greta, db))
    content = read("garmin-fenix-5-run.fit")
    first = import_file(db, me, world.greta.id, "a.fit", content, now=FIT_DAY_NOW)
    training.delete_log(db, me, first.id, now=FIT_DAY_NOW)
    db.expire_all()
    assert db.get(ActivityStream, first.id) is None
    again = import_file(db, me, world.greta.id, "b.fit", content, now=FIT_DAY_NOW)
    files = db.scalars(select(ActivityFile).where(ActivityFile.athlete_id == world.greta.id)).all()
    assert [(f.filename, f.training_log_id) for f in files] == [("a.fit", again.id)]


def test_the_load_of_a_recorded_run_comes_from_its_trace_and_the_models_agree(
    db: Session, world: World
) -> None:
    coach = actor(db, world.cole)
    users.update_athlete(db, coach, world.greta.id, AthleteUpdate(**FENIX2_THRESHOLDS))
    content = read("activity-small-fenix2-run.fit")
    by_pace = import_file(db, coach, world.greta.id, "r.fit", content, now=FIT_DAY_NOW)
    assert by_pace.load_model == "pace"
    assert by_pace.load_details["basis"] == "trace"
    # Normalized grade-adjusted pace is faster than the plain average (a slow first kilometre).
    assert by_pace.avg_pace_s_per_km is not None
    assert by_pace.load_details["pace_s_per_km"] < by_pace.avg_pace_s_per_km
    training.delete_log(db, coach, by_pace.id, now=FIT_DAY_NOW)
    users.update_athlete(db, coach, world.greta.id, AthleteUpdate(threshold_pace_s_per_km=None))
    by_hr = import_file(db, coach, world.greta.id, "r.fit", content, now=FIT_DAY_NOW)
    assert by_hr.load_model == "hr"
    assert by_hr.load_details["basis"] == "trace"
    mean = (by_pace.load + by_hr.load) / 2
    assert abs(by_pace.load - by_hr.load) / mean <= AGREEMENT
    assert db.scalar(select(TrainingLog.load).where(TrainingLog.id == by_hr.id)) == by_hr.load
