"""The day rows a refresh writes: new rows inserted, changed rows rewritten by key."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, DailyMetric
from runseason.services.refresh import days, history
from tests.factories import NOW, World


def _store_day(db: Session, athlete: Athlete, day: date) -> None:
    db.add(DailyMetric(athlete_id=athlete.id, organization_id=athlete.organization_id, day=day))


def _rewrite(athlete: Athlete, day: date, stamp: datetime, **values: object) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(history.INPUTS, 0.0)
    row.update(readiness_score=None, readiness_band=None, sessions=0)
    row.update(values)
    return {**row, "updated_at": stamp, "key_athlete_id": athlete.id, "key_day": day}


def test_day_rows_are_rewritten_by_key_with_dates_numbers_and_timestamps(
    db: Session, world: World
) -> None:
    athlete = world.greta
    first = NOW.date() - timedelta(days=2)
    for offset in range(3):
        _store_day(db, athlete, first + timedelta(days=offset))
    db.flush()
    loaded = db.get(DailyMetric, (athlete.id, first))
    assert loaded is not None
    stamp = datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
    updates = [
        _rewrite(athlete, first, stamp, load=41.5, sessions=2, readiness_band="green"),
        _rewrite(athlete, first + timedelta(days=1), stamp, load=42.25, sessions=1),
        _rewrite(athlete, first + timedelta(days=30), stamp, load=99.0),  # no such row
    ]
    days.write_days(db, [], updates, {athlete.id: first})
    assert loaded.load == 41.5  # the loaded object was expired and reads the new row
    rows = db.scalars(
        select(DailyMetric).where(DailyMetric.athlete_id == athlete.id).order_by(DailyMetric.day)
    ).all()
    assert [(r.day, r.load, r.sessions, r.readiness_band) for r in rows] == [
        (first, 41.5, 2, "green"),
        (first + timedelta(days=1), 42.25, 1, None),
        (first + timedelta(days=2), 0.0, 0, None),
    ]
    assert [r.updated_at == stamp for r in rows] == [True, True, False]
    assert history.stored_days(db, athlete.id)[0][1] == 41.5
