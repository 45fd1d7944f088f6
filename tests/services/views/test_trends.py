"""An athlete's trends read from what was logged and checked in, in the athlete's units."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from runseason.db.models import ActivityStream, CheckIn, TrainingLog
from runseason.domain.paces import equivalent_time_s
from runseason.errors import InvalidInput
from runseason.schemas.accounts import AthleteUpdate
from runseason.schemas.training import TrainingLogCreate
from runseason.services import training
from runseason.services.identity import users
from runseason.services.views import trends
from tests.factories import NOW, World, actor

TODAY = NOW.date()


def _year_of_time_trials(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    for month in range(12):
        day = TODAY - timedelta(days=30 * (11 - month) + 3)
        target = 45 + 5 * month / 11
        data = TrainingLogCreate(
            local_date=day,
            duration_s=round(equivalent_time_s(target, 10000.0)),
            distance_m=10000.0,
            kind="time_trial",
            title=f"Time trial {month + 1}",
            confirm_unusual=True,
        )
        training.log_session(db, coach, world.greta.id, data, now=NOW)
        easy = TrainingLogCreate(
            local_date=day - timedelta(days=2), duration_s=3600, distance_m=11000.0, rpe=3
        )
        training.log_session(db, coach, world.greta.id, easy, now=NOW)


def _check_ins(db: Session, world: World) -> None:
    for back in range(0, 360, 4):
        day = TODAY - timedelta(days=back)
        db.add(
            CheckIn(
                organization_id=world.greta.organization_id,
                athlete_id=world.greta.id,
                local_date=day,
                sleep_quality=4,
                energy=4,
                recovery=4,
                stress=4,
                resting_hr=48 + back // 30,  # falling towards today
                hrv_rmssd=70.0 - back / 30,
            )
        )
    db.flush()


def test_a_coach_sees_the_vdot_climb_and_the_resting_heart_rate_fall(
    db: Session, world: World
) -> None:
    _year_of_time_trials(db, world)
    _check_ins(db, world)
    read = trends.get_trends(db, actor(db, world.cole), world.greta.id, now=NOW, by="month")
    vdots = [p.value for p in read.vdot.points]
    assert len(vdots) == 12
    assert vdots[0] == pytest.approx(45.0, abs=0.15)
    assert vdots[-1] == pytest.approx(50.0, abs=0.15)
    assert read.vdot.points[-1].evidence[0].text.startswith("Time trial 12: 10 km in ")
    assert read.threshold_pace.points[-1].value < read.threshold_pace.points[0].value
    assert read.threshold_pace.points[-1].text.endswith("/km")
    resting = [p.value for p in read.resting_hr.points]
    assert resting[0] > resting[-1]
    assert read.resting_hr.points[-1].text.endswith(" bpm")
    assert read.hrv.points[-1].value > read.hrv.points[0].value
    assert len(read.races) == 12
    assert read.races[-1].vdot == pytest.approx(50.0, abs=0.15)
    # Each month's time trial beat the last: twelve personal bests at 10 km.
    assert [b.distance for b in read.personal_bests] == ["10 km"] * 12
    assert read.personal_bests[1].previous_text == read.personal_bests[0].time_text
    assert read.long_run.points[0].value == 11000.0


def test_by_year_and_in_miles(db: Session, world: World) -> None:
    _year_of_time_trials(db, world)
    users.update_athlete(
        db, actor(db, world.cole), world.greta.id, AthleteUpdate(unit_preference="mi")
    )
    read = trends.get_trends(
        db, actor(db, world.user_of(world.greta, db)), world.greta.id, now=NOW, by="year"
    )
    assert read.unit == "mi"
    assert {p.period for p in read.vdot.points} <= {str(TODAY.year - 1), str(TODAY.year)}
    assert read.threshold_pace.points[-1].text.endswith("/mi")
    assert read.weekly_distance.points[-1].text.endswith(" mi")
    assert read.vdot.points[-1].label == str(TODAY.year)


def test_the_window_is_bounded(db: Session, world: World) -> None:
    with pytest.raises(InvalidInput, match="years must be between"):
        trends.get_trends(db, actor(db, world.cole), world.greta.id, now=NOW, years=0)


def test_month_labels_read_as_words() -> None:
    assert trends.period_label("2026-03") == "Mar 2026"
    assert trends.period_label("2026") == "2026"
    assert date(2026, 3, 1)  # the label is built from the first of the month


def test_best_efforts_inside_recorded_runs_count_for_vdot_and_bests(
    db: Session, world: World
) -> None:
    day = TODAY - timedelta(days=10)
    log = TrainingLog(
        organization_id=world.greta.organization_id,
        athlete_id=world.greta.id,
        local_date=day,
        started_at=NOW - timedelta(days=10),
        duration_s=3600.0,
        distance_m=12000.0,
        title="Sunday long run",
        source="fit",
    )
    db.add(log)
    db.flush()
    db.add(
        ActivityStream(
            organization_id=world.greta.organization_id,
            athlete_id=world.greta.id,
            training_log_id=log.id,
            point_count=0,
            data=b"",
            summary={"best_efforts_s": {"1 km": 240.0, "10 km": 2700.0}},
        )
    )
    db.flush()
    read = trends.get_trends(db, actor(db, world.cole), world.greta.id, now=NOW, by="year")
    (point,) = read.vdot.points
    assert point.evidence[0].text == "Best 10 km in Sunday long run: 10 km in 45:00"
    assert [b.distance for b in read.personal_bests] == ["1 km", "10 km"]
    assert read.races == []  # a best effort is not a race
