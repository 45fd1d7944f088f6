"""The briefing adapts today's planned session; analytics read the stored metrics."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession, TrainingPlan
from runseason.domain.dates import local_date
from runseason.errors import InvalidInput
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.training import TrainingLogCreate
from runseason.services import briefing, checkins, training
from runseason.services.views import analytics
from tests.factories import NOW, World, actor


def plan_tempo_today(db: Session, world: World) -> PlannedSession:
    today = local_date(NOW, world.greta.timezone)
    plan = TrainingPlan(
        organization_id=world.north.id,
        athlete_id=world.greta.id,
        name="Spring 10k",
        start_date=today,
        end_date=today + timedelta(days=70),
        weeks=10,
    )
    db.add(plan)
    db.flush()
    session = PlannedSession(
        organization_id=world.north.id,
        plan_id=plan.id,
        athlete_id=world.greta.id,
        scheduled_date=today,
        title="Tempo 3 × 10 min",
        category="tempo",
        role="quality",
        is_hard=True,
        planned_duration_s=3600,
        planned_distance_m=12000,
        planned_load=80,
        targets={"pace_s_per_km": 255},
    )
    db.add(session)
    db.flush()
    return session


def checkin(**values: object) -> CheckInCreate:
    return CheckInCreate.model_validate(
        {"sleep_quality": 3, "energy": 3, "recovery": 3, "stress": 3, **values}
    )


def test_briefing_asks_for_a_check_in_first(db: Session, world: World) -> None:
    plan_tempo_today(db, world)
    me = actor(db, world.user_of(world.greta, db))
    assert briefing.get_briefing(db, me, world.greta.id, now=NOW).decision == "check_in_first"


def test_amber_morning_reduces_the_tempo(db: Session, world: World) -> None:
    planned = plan_tempo_today(db, world)
    me = actor(db, world.user_of(world.greta, db))
    checkins.submit_checkin(db, me, world.greta.id, checkin(), now=NOW)
    read = briefing.get_briefing(db, me, world.greta.id, now=NOW)
    assert read.readiness_band == "amber"
    assert read.decision == "reduce"
    assert read.duration_s == pytest.approx(2880)
    assert read.planned_session_id == planned.id
    assert read.targets == {"pace_s_per_km": 255}


def test_pain_means_no_running(db: Session, world: World) -> None:
    plan_tempo_today(db, world)
    me = actor(db, world.user_of(world.greta, db))
    checkins.submit_checkin(
        db, me, world.greta.id, checkin(pain_severity=6, pain_location="knee"), now=NOW
    )
    read = briefing.get_briefing(db, me, world.greta.id, now=NOW)
    assert read.decision == "rest"
    assert "Pain 6/10" in read.reason


def test_logged_session_is_matched_to_the_plan_and_counts_for_adherence(
    db: Session, world: World
) -> None:
    planned = plan_tempo_today(db, world)
    coach = actor(db, world.cole)
    today = local_date(NOW, world.greta.timezone)
    log = training.log_session(
        db,
        coach,
        world.greta.id,
        TrainingLogCreate(local_date=today, duration_s=3500, distance_m=11800, rpe=7),
        now=NOW,
    )
    assert log.planned_session_id == planned.id
    history = analytics.get_load_history(db, coach, world.greta.id, now=NOW, days=14)
    assert history.days[-1].planned_load == 80
    assert history.weeks[-1].sessions == 1
    assert not history.acwr_available
    assert "not a validated injury predictor" in history.caution


def test_history_window_is_validated(db: Session, world: World) -> None:
    with pytest.raises(InvalidInput):
        analytics.get_load_history(db, actor(db, world.cole), world.greta.id, now=NOW, days=3)


def test_prediction_from_a_recent_race(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    assert analytics.get_prediction(db, coach, world.greta.id, 42195) is None
    training.log_session(
        db,
        coach,
        world.greta.id,
        TrainingLogCreate(local_date=NOW.date(), duration_s=1200, distance_m=5000, kind="race"),
        now=NOW,
    )
    prediction = analytics.get_prediction(db, coach, world.greta.id, 10000)
    assert prediction is not None
    assert prediction.low_s < prediction.high_s


@pytest.mark.parametrize(
    "values",
    [{}, {"sleep_quality": 5, "energy": 5, "recovery": 5}, {"pain_severity": 6}, {"illness": True}],
)
def test_a_briefing_from_the_check_in_just_stored_matches_one_read_back(
    db: Session, world: World, values: dict[str, object]
) -> None:
    """The check-in route hands its fresh check-in to the briefing instead of reading it back."""
    plan_tempo_today(db, world)
    me = actor(db, world.user_of(world.greta, db))
    read = checkins.submit_checkin(db, me, world.greta.id, checkin(**values), now=NOW)
    handed = briefing.get_briefing(db, me, world.greta.id, now=NOW, checkin=read)
    db.expire_all()
    assert handed == briefing.get_briefing(db, me, world.greta.id, now=NOW)
    assert handed.readiness_score == read.readiness_score is not None


def test_a_back_dated_check_in_handed_over_is_not_taken_for_today(
    db: Session, world: World
) -> None:
    plan_tempo_today(db, world)
    me = actor(db, world.user_of(world.greta, db))
    yesterday = local_date(NOW, world.greta.timezone) - timedelta(days=1)
    read = checkins.submit_checkin(
        db, me, world.greta.id, checkin(local_date=yesterday.isoformat()), now=NOW
    )
    assert read.local_date == yesterday
    handed = briefing.get_briefing(db, me, world.greta.id, now=NOW, checkin=read)
    assert handed.decision == "check_in_first"
    assert handed.readiness_score is None
