"""RowUpdater: many-row updates through the driver, with the columns' own type processing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from runseason.db.models import DailyMetric
from runseason.db.rows import RowUpdater
from tests.factories import NOW, World

TABLE = cast(Table, DailyMetric.__table__)


def test_rows_are_updated_by_key_with_dates_numbers_and_timestamps(
    db: Session, world: World
) -> None:
    athlete = world.greta
    first = NOW.date() - timedelta(days=2)
    for offset in range(3):
        db.add(
            DailyMetric(
                athlete_id=athlete.id,
                organization_id=athlete.organization_id,
                day=first + timedelta(days=offset),
            )
        )
    db.flush()
    stamp = datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
    updater = RowUpdater(
        TABLE, ("load", "sessions", "readiness_band", "updated_at"), ("athlete_id", "day")
    )
    written = updater.execute(
        db.connection(),
        [
            (41.5, 2, "green", stamp, athlete.id, first),
            (42.25, 1, None, stamp, athlete.id, first + timedelta(days=1)),
            (99.0, 3, "red", stamp, athlete.id, first + timedelta(days=30)),  # no such row
        ],
    )
    assert written == 3
    db.expire_all()
    rows = db.scalars(
        select(DailyMetric).where(DailyMetric.athlete_id == athlete.id).order_by(DailyMetric.day)
    ).all()
    assert [(r.day, r.load, r.sessions, r.readiness_band) for r in rows] == [
        (first, 41.5, 2, "green"),
        (first + timedelta(days=1), 42.25, 1, None),
        (first + timedelta(days=2), 0.0, 0, None),
    ]
    assert rows[0].updated_at == stamp
    assert rows[1].updated_at == stamp
    assert rows[2].updated_at != stamp


def test_an_empty_batch_runs_nothing(db: Session) -> None:
    updater = RowUpdater(TABLE, ("load",), ("athlete_id", "day"))
    assert updater.execute(db.connection(), []) == 0
