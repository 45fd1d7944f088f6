"""Analytics read the stored metrics and match logs to the plan."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession, TrainingPlan
from runseason.domain.dates import local_date
from runseason.errors import InvalidInput
from runseason.schemas.training import TrainingLogCreate
from runseason.services import training
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
