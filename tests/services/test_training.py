"""Logged sessions: by hand and from files, load provenance, duplicates, metrics."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import DailyMetric, TrainingLog
from runseason.domain.load_state import states
from runseason.errors import InvalidInput, PermissionDenied
from runseason.schemas.accounts import AthleteUpdate
from runseason.schemas.training import TrainingLogCreate, TrainingLogUpdate
from runseason.services import training
from runseason.services.identity import users
from runseason.services.refresh import history
from tests.conftest import shared_dir
from tests.factories import NOW, World, actor

FIXTURES = shared_dir() / "fixtures" / "activities"
FIT_DAY_NOW = datetime(2017, 6, 12, 12, tzinfo=NOW.tzinfo)


def run(
    day: date, minutes: float = 50, km: float | None = 10, rpe: float | None = 5
) -> TrainingLogCreate:
    return TrainingLogCreate(
        local_date=day, duration_s=minutes * 60, distance_m=km * 1000 if km else None, rpe=rpe
    )


def test_manual_log_gets_an_rpe_load_with_provenance(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    read = training.log_session(db, me, world.greta.id, run(NOW.date(), 60, 10, 7), now=NOW)
    assert read.load_model == "rpe"
    assert read.load == pytest.approx(420 / 4.5)
    assert read.load_details["session_rpe_au"] == pytest.approx(420)
    assert read.avg_pace_s_per_km == pytest.approx(360)


def test_pace_load_when_the_threshold_pace_is_known(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    users.update_athlete(db, coach, world.greta.id, AthleteUpdate(threshold_pace_s_per_km=270))
    read = training.log_session(db, coach, world.greta.id, run(NOW.date(), 30, 6, None), now=NOW)
    assert read.load_model == "pace"
    assert read.load == pytest.approx(40.5)


def test_future_sessions_are_refused(db: Session, world: World) -> None:
    with pytest.raises(InvalidInput, match="future"):
        training.log_session(
            db, actor(db, world.cole), world.greta.id, run(NOW.date() + timedelta(days=2)), now=NOW
        )


def test_back_dated_edit_updates_metrics_like_a_full_recompute(db: Session, world: World) -> None:
    me = actor(db, world.cole)
    start = NOW.date() - timedelta(days=40)
    logs = []
    for offset in range(0, 41, 2):
        logs.append(
            training.log_session(
                db, me, world.greta.id, run(start + timedelta(days=offset)), now=NOW
            )
        )
    training.update_log(db, me, logs[3].id, TrainingLogUpdate(rpe=9, duration_s=4800), now=NOW)
    training.delete_log(db, me, logs[5].id, now=NOW)
    rows = history.read(db, world.greta.id, date.min, NOW.date())
    logged: dict[date, float] = {}
    for log in db.scalars(select(TrainingLog).where(TrainingLog.athlete_id == world.greta.id)):
        logged[log.local_date] = logged.get(log.local_date, 0.0) + log.load
    assert [r.load for r in rows] == pytest.approx([logged.get(r.day, 0.0) for r in rows])
    expected = states([r.load for r in rows], [r.longest_run_m for r in rows])
    assert rows[-1].day == NOW.date()
    assert rows[-1].ctl == pytest.approx(expected[-1].ctl)
    assert rows[-1].atl == pytest.approx(expected[-1].atl)
    assert rows[-1].acwr_ewma == pytest.approx(expected[-1].acwr_ewma)
    assert rows[-1].monotony == pytest.approx(expected[-1].monotony)
    # Every day, not only the last, matches the full recompute.
    assert [r.days_of_data for r in rows] == [e.days for e in expected]
    for column in ("ctl", "atl", "form", "spike_ratio", "longest_run_m_30d"):
        values = [getattr(r, column) for r in rows]
        assert values == pytest.approx([getattr(e, column) for e in expected]), column


def test_a_back_dated_edit_writes_only_the_day_it_changed(db: Session, world: World) -> None:
    me = actor(db, world.cole)
    start = NOW.date() - timedelta(days=60)
    logs = [
        training.log_session(db, me, world.greta.id, run(start + timedelta(days=d)), now=NOW)
        for d in range(0, 61, 3)
    ]
    before = history.read(db, world.greta.id, start, NOW.date())
    later = NOW + timedelta(minutes=5)
    edited = logs[2]
    training.update_log(db, me, edited.id, TrainingLogUpdate(rpe=9, duration_s=5400), now=later)
    db.expire_all()
    touched = db.scalars(
        select(DailyMetric.day).where(
            DailyMetric.athlete_id == world.greta.id, DailyMetric.updated_at == later
        )
    ).all()
    assert touched == [edited.local_date]
    after = history.read(db, world.greta.id, start, NOW.date())
    # Fitness moves on every day after the edit, though only one row was written.
    assert after[-1].ctl > before[-1].ctl
    assert all(
        a.ctl > b.ctl for a, b in zip(after, before, strict=True) if a.day >= edited.local_date
    )


def test_single_run_spike_is_flagged(db: Session, world: World) -> None:
    me = actor(db, world.cole)
    day = NOW.date() - timedelta(days=3)
    training.log_session(db, me, world.greta.id, run(day, 60, 10), now=NOW)
    training.log_session(db, me, world.greta.id, run(NOW.date(), 80, 13), now=NOW)
    metric = history.latest(db, world.greta.id, NOW.date())
    assert metric is not None
    assert metric.day == NOW.date()
    assert metric.spike_ratio == pytest.approx(0.3)
    assert metric.spike_flag


def test_list_logs_is_paginated(db: Session, world: World) -> None:
    me = actor(db, world.cole)
    for back in range(3):
        training.log_session(
            db, me, world.greta.id, run(NOW.date() - timedelta(days=back)), now=NOW
        )
    page = training.list_logs(db, me, world.greta.id, page=2, page_size=2)
    assert page.total == 3
    assert len(page.items) == 1


def session_of(**values: object) -> TrainingLogCreate:
    fields: dict[str, object] = {"local_date": NOW.date(), "duration_s": 3000, "rpe": 5}
    fields.update(values)
    return TrainingLogCreate.model_validate(fields)


def log_count(db: Session, athlete_id: int) -> int:
    return db.scalar(select(func.count()).where(TrainingLog.athlete_id == athlete_id)) or 0


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"distance_m": 10_000, "duration_s": 900}, "distance_m", "faster than 2:30/km"),
        ({"distance_m": 5_000, "duration_s": 6_100}, "distance_m", "slower than 20:00/km"),
        ({"distance_m": 5_000, "duration_s": 6_100, "sport": "trail"}, "distance_m", "trail"),
        ({"distance_m": 301_000, "duration_s": 40_000, "sport": "bike"}, "distance_m", "300 km"),
        ({"duration_s": 49 * 3600, "sport": "hike"}, "duration_s", "48 hours"),
    ],
)
def test_implausible_values_are_refused_naming_the_field(
    db: Session, world: World, values: dict[str, object], field: str, words: str
) -> None:
    me = actor(db, world.user_of(world.greta, db))
    with pytest.raises(InvalidInput, match=words) as refused:
        training.log_session(db, me, world.greta.id, session_of(**values), now=NOW)
    assert refused.value.detail == [field]
    assert "A coach may confirm it" in refused.value.message
    assert log_count(db, world.greta.id) == 0


def test_a_coach_confirms_an_unusual_value_and_the_load_says_so(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    data = session_of(distance_m=320_000, duration_s=40 * 3600, sport="run", confirm_unusual=True)
    read = training.log_session(db, coach, world.greta.id, data, now=NOW)
    assert read.distance_m == 320_000
    assert read.load_details["unusual_confirmed"] == "distance_m"


def test_an_athlete_cannot_confirm_an_unusual_value(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    data = session_of(distance_m=10_000, duration_s=900, confirm_unusual=True)
    with pytest.raises(PermissionDenied, match="Only a coach"):
        training.log_session(db, me, world.greta.id, data, now=NOW)
    assert log_count(db, world.greta.id) == 0


def test_an_edit_that_makes_a_run_implausible_is_refused_and_changes_nothing(
    db: Session, world: World
) -> None:
    me = actor(db, world.user_of(world.greta, db))
    logged = training.log_session(db, me, world.greta.id, run(NOW.date()), now=NOW)
    with pytest.raises(InvalidInput, match="faster than 2:30/km") as refused:
        training.update_log(db, me, logged.id, TrainingLogUpdate(duration_s=600), now=NOW)
    assert refused.value.detail == ["distance_m"]
    db.expire_all()
    assert db.get(TrainingLog, logged.id).duration_s == 3000  # type: ignore[union-attr]


def test_an_edit_keeps_a_confirmed_value_and_rescored_by_its_new_sport(
    db: Session, world: World
) -> None:
    coach = actor(db, world.cole)
    data = session_of(distance_m=10_000, duration_s=800, confirm_unusual=True)
    logged = training.log_session(db, coach, world.greta.id, data, now=NOW)
    edited = training.update_log(db, coach, logged.id, TrainingLogUpdate(rpe=8), now=NOW)
    assert edited.load_details["unusual_confirmed"] == "distance_m"
    bike = training.update_log(db, coach, logged.id, TrainingLogUpdate(sport="bike"), now=NOW)
    assert bike.load == pytest.approx(8 * 800 / 60 / 4.5 * 0.7)
    assert bike.load_details["running_factor"] == 0.7


def test_a_required_value_cannot_be_cleared(db: Session, world: World) -> None:
    me = actor(db, world.cole)
    logged = training.log_session(db, me, world.greta.id, run(NOW.date()), now=NOW)
    with pytest.raises(InvalidInput, match="Duration"):
        training.update_log(db, me, logged.id, TrainingLogUpdate(duration_s=None), now=NOW)


@pytest.mark.parametrize(
    ("sport", "model", "factor"),
    [
        ("run", "hr", 1.0),
        ("treadmill", "hr", 1.0),
        ("trail", "hr", 1.0),
        ("bike", "rpe", 0.7),
        ("swim", "rpe", 0.5),
        ("strength", "rpe", 0.4),
        ("cross", "rpe", 0.7),
    ],
)
def test_each_sport_is_stored_with_its_load_model_and_factor(
    db: Session, world: World, sport: str, model: str, factor: float
) -> None:
    coach = actor(db, world.cole)
    users.update_athlete(db, coach, world.greta.id, AthleteUpdate(hr_rest=50, hr_max=190, lthr=170))
    data = session_of(sport=sport, avg_hr=150, duration_s=2700, rpe=6)
    read = training.log_session(db, coach, world.greta.id, data, now=NOW)
    assert (read.sport, read.load_model) == (sport, model)
    assert read.load_details["running_factor"] == factor
    stored = db.get(TrainingLog, read.id)
    assert stored is not None
    assert stored.sport == sport
