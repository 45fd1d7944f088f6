"""An imported session in depth: laps, splits in the athlete's unit, zones, streams thinned."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy.orm import Session

from runseason.errors import NotFound
from runseason.schemas.accounts import AthleteUpdate
from runseason.schemas.training import TrainingLogCreate
from runseason.services import activities, training
from runseason.services.activity_import import import_activity as import_file
from runseason.services.identity import users
from tests.factories import NOW, World, actor
from tests.parsers.conftest import read

FIT_DAY_NOW = datetime(2017, 6, 12, 12, tzinfo=NOW.tzinfo)


def _import(db: Session, world: World, name: str) -> int:
    me = actor(db, world.user_of(world.greta, db))
    return import_file(db, me, world.greta.id, name, read(name), now=FIT_DAY_NOW).id


def test_a_recorded_run_has_laps_splits_zones_and_best_efforts(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    users.update_athlete(
        db, coach, world.greta.id, AthleteUpdate(lthr=170, vdot=50, hr_rest=50, hr_max=190)
    )
    log_id = _import(db, world, "activity-small-fenix2-run.fit")
    found = activities.get_activity(db, coach, world.greta.id, log_id)
    assert found.has_streams
    assert found.has_route
    assert [round(lap.distance_m or 0) for lap in found.laps] == [849, 2988, 2979, 2193]
    assert sum(lap.duration_s for lap in found.laps) == pytest.approx(2832, abs=5)
    assert len(found.splits) == 10
    assert found.splits[1].pace_s_per_km == pytest.approx(found.splits[1].duration_s)
    hr_seconds = sum(z.seconds for z in found.heart_rate_zones)
    assert [z.name for z in found.heart_rate_zones][:2] == ["Z1", "Z2"]
    assert hr_seconds == pytest.approx(found.moving_time_s, abs=2)
    assert sum(z.seconds for z in found.pace_zones) == pytest.approx(hr_seconds, abs=2)
    assert [e.label for e in found.best_efforts] == ["400 m", "1 km", "1 mile", "5 km"]
    assert found.load_basis.startswith("Heart-rate stress (TRIMP) from the recorded")


def test_splits_follow_the_athletes_unit(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    users.update_athlete(db, coach, world.greta.id, AthleteUpdate(unit_preference="mi"))
    log_id = _import(db, world, "activity-small-fenix2-run.fit")
    found = activities.get_activity(db, coach, world.greta.id, log_id)
    assert [round(s.distance_m) for s in found.splits[:5]] == [1609] * 5
    assert found.unit == "mi"


def test_streams_are_thinned_on_request_and_keep_their_ends(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    log_id = _import(db, world, "garmin-edge-500-activity.fit")
    full = activities.get_activity_streams(db, coach, world.greta.id, log_id)
    assert full.point_count == full.points == 10686
    thin = activities.get_activity_streams(db, coach, world.greta.id, log_id, points=500)
    assert thin.points == 500
    assert len(thin.channels["hr_bpm"]) == 500
    assert thin.channels["time_s"][-1] == full.channels["time_s"][-1]
    assert thin.channels["distance_m"][-1] == pytest.approx(92622.34)


def test_a_session_logged_by_hand_has_no_streams(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    data = TrainingLogCreate(local_date=NOW.date(), duration_s=1800, distance_m=5000, rpe=4)
    log_id = training.log_session(db, coach, world.greta.id, data, now=NOW).id
    found = activities.get_activity(db, coach, world.greta.id, log_id)
    assert not found.has_streams
    assert found.splits == []
    assert found.load_basis == "Session effort (RPE × minutes)"
    with pytest.raises(NotFound, match="no recorded samples"):
        activities.get_activity_streams(db, coach, world.greta.id, log_id)


def test_another_athletes_session_is_not_found(db: Session, world: World) -> None:
    log_id = _import(db, world, "garmin-fenix-5-run.fit")
    coach = actor(db, world.cole)
    with pytest.raises(NotFound):
        activities.get_activity(db, coach, world.sam.id, log_id)
