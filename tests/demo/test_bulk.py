"""The bulk path: benchmark volumes written as rows, consistent with what the services read."""

from __future__ import annotations

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runseason.db.models import AthleteSnapshot, DailyMetric, Intervention, TrainingLog
from runseason.demo.bulk import daily_loads, seed_bulk
from tests.factories import NOW, assert_series_kept


def test_daily_loads_are_deterministic_plausible_and_have_rest_days() -> None:
    first = daily_loads(np.random.default_rng(3), 56, 300.0)
    again = daily_loads(np.random.default_rng(3), 56, 300.0)
    assert first.tolist() == again.tolist()
    assert len(first) == 56
    assert (first >= 0).all()
    assert (first == 0).any()
    assert 150 < first.sum() / 8 < 600


def test_an_organization_of_athletes_with_its_history_snapshots_and_queue(db: Session) -> None:
    result = seed_bulk(
        db, athletes=6, coaches=2, days=40, seed=9, today=NOW, slug="bulk-t", with_logs=True
    )
    assert len(result.athlete_ids) == 6
    assert len(result.coach_user_ids) == 2
    assert result.metric_rows == 6 * 40
    stored = db.scalar(
        select(func.count()).where(DailyMetric.organization_id == result.organization_id)
    )
    assert stored == result.metric_rows
    at_risk = db.scalar(
        select(func.count()).where(
            AthleteSnapshot.organization_id == result.organization_id,
            AthleteSnapshot.risk_bucket != "stable",
        )
    )
    opened = db.scalar(
        select(func.count()).where(Intervention.organization_id == result.organization_id)
    )
    assert opened == at_risk == result.interventions
    logs = db.scalar(
        select(func.count()).where(TrainingLog.organization_id == result.organization_id)
    )
    assert 0 < logs <= 6 * 40
    for athlete_id in result.athlete_ids:
        assert_series_kept(db, athlete_id)
