"""The nightly rollover: an athlete without writes gets today's snapshot, once a day."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.config import reset_settings_cache
from runseason.db.models import AthleteSnapshot, MetricRefreshJob
from runseason.services.refresh import rollover
from runseason.services.refresh.snapshots import refresh_after_change
from tests.factories import NOW, World


def _as_of(db: Session, athlete_id: int) -> date | None:
    db.expire_all()
    return db.scalar(select(AthleteSnapshot.as_of).where(AthleteSnapshot.athlete_id == athlete_id))


def test_a_quiet_athlete_is_rolled_over_at_their_own_midnight_and_once(
    db: Session, world: World
) -> None:
    # Sam lives in New York; his snapshot is from his 23 November.
    evening = datetime(2026, 11, 23, 23, 0, tzinfo=ZoneInfo("America/New_York"))
    refresh_after_change(db, world.sam.id, evening.date(), now=evening)
    assert _as_of(db, world.sam.id) == date(2026, 11, 23)

    rollover.roll_over_quiet_athletes(now=evening + timedelta(minutes=30))  # still the 23rd there
    assert _as_of(db, world.sam.id) == date(2026, 11, 23)

    after_midnight = evening + timedelta(hours=1, minutes=5)
    assert rollover.roll_over_quiet_athletes(now=after_midnight) >= 1
    assert _as_of(db, world.sam.id) == date(2026, 11, 24)
    again = rollover.roll_over_quiet_athletes(now=after_midnight + timedelta(minutes=15))
    assert (
        again == 0
    )  # everyone is on their today now: a second run or a second worker does nothing


def test_when_refresh_is_queued_the_rollover_leaves_one_job_per_athlete(
    db: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNSEASON_METRICS_REFRESH", "queued")
    reset_settings_cache()
    try:
        first = rollover.roll_over_quiet_athletes(now=NOW)
        second = rollover.roll_over_quiet_athletes(now=NOW)
    finally:
        monkeypatch.undo()
        reset_settings_cache()
    jobs = db.scalars(select(MetricRefreshJob.athlete_id)).all()
    assert first == len(jobs) >= 5
    assert sorted(jobs) == sorted(set(jobs))
    assert world.sam.id in jobs
    assert second == 0  # already waiting in the queue
