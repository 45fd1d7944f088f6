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


def test_rows_are_updated_by_key_with_dates_flags_and_timestamps(db: Session, world: World) -> None:
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
        TABLE, ("ctl", "spike_flag", "readiness_band", "updated_at"), ("athlete_id", "day")
    )
    written = updater.execute(
        db.connection(),
        [
            (41.5, True, "green", stamp, athlete.id, first),
            (42.25, False, None, stamp, athlete.id, first + timedelta(days=1)),
            (99.0, True, "red", stamp, athlete.id, first + timedelta(days=30)),  # no such row
        ],
    )
    assert written == 3
    db.expire_all()
    rows = db.scalars(
        select(DailyMetric).where(DailyMetric.athlete_id == athlete.id).order_by(DailyMetric.day)
    ).all()
    assert [(r.day, r.ctl, r.spike_flag, r.readiness_band) for r in rows] == [
        (first, 41.5, True, "green"),
        (first + timedelta(days=1), 42.25, False, None),
        (first + timedelta(days=2), 0.0, False, None),
    ]
    assert rows[0].updated_at == stamp
    assert rows[1].updated_at == stamp
    assert rows[2].updated_at != stamp


def test_an_empty_batch_runs_nothing(db: Session) -> None:
    updater = RowUpdater(TABLE, ("ctl",), ("athlete_id", "day"))
    assert updater.execute(db.connection(), []) == 0
