"""Derived metrics as tables: one day row per athlete and day with zero defaults, one load series,
snapshot and refresh job per athlete, all gone with the athlete."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete
from sqlalchemy.orm import Session

from runseason.db.models import (
    Athlete,
    AthleteSnapshot,
    DailyMetric,
    LoadSeries,
    MetricRefreshJob,
)
from tests.db.models.checks import accepted, refused
from tests.factories import World

DAY = date(2027, 1, 4)


def _tenant(world: World) -> dict[str, int]:
    return {"organization_id": world.north.id, "athlete_id": world.oona.id}


def test_a_day_row_starts_at_zero_and_is_one_per_athlete_and_day(db: Session, world: World) -> None:
    row = DailyMetric(**_tenant(world), day=DAY)
    accepted(db, row)
    assert (row.load, row.duration_s, row.sessions, row.planned_load) == (0, 0, 0, 0)
    assert (row.risk, row.readiness_score) == (None, None)
    db.expunge(row)  # the key is the row's: let the database, not the session, refuse a twin
    refused(db, DailyMetric(**_tenant(world), day=DAY, load=5), "daily_metrics")


def test_a_snapshot_a_series_and_a_job_are_one_per_athlete_and_go_with_them(
    db: Session, world: World
) -> None:
    db.execute(delete(AthleteSnapshot).where(AthleteSnapshot.athlete_id == world.oona.id))
    db.execute(delete(LoadSeries).where(LoadSeries.athlete_id == world.oona.id))
    snap = AthleteSnapshot(**_tenant(world), as_of=DAY)
    accepted(db, snap)
    assert (snap.risk, snap.risk_bucket, snap.open_interventions) == (0, "stable", 0)
    db.expunge(snap)  # the key is the athlete: let the database, not the session, refuse a twin
    refused(db, AthleteSnapshot(**_tenant(world), as_of=DAY), "athlete_snapshots")
    accepted(db, LoadSeries(**_tenant(world), first_day=DAY, loads=b"", runs=b""))
    job = MetricRefreshJob(**_tenant(world), from_day=DAY)
    accepted(db, job)
    assert (job.attempts, job.stamp, job.to_day) == (0, 0, None)
    db.expunge(job)
    refused(db, MetricRefreshJob(**_tenant(world), from_day=DAY), "metric_refresh_jobs")
    db.execute(delete(Athlete).where(Athlete.id == world.oona.id))
    db.expire_all()
    for model in (AthleteSnapshot, LoadSeries, MetricRefreshJob):
        assert db.get(model, world.oona.id) is None, model.__name__
