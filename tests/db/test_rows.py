"""Many-row reads and writes: RowUpdater, rows tables, binary arrays and the stored loads."""

from __future__ import annotations

import random
import struct
from datetime import UTC, date, datetime, timedelta
from typing import cast

import pytest
from sqlalchemy import Date, Table, select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, DailyMetric
from runseason.db.rows import ARRAYS, JSON_ROWS, RowsTable, RowUpdater, float8_array
from runseason.db.types import BigId
from runseason.services.refresh import history
from tests.factories import NOW, World

TABLE = cast(Table, DailyMetric.__table__)


def _store_day(db: Session, athlete: Athlete, day: date, **values: float) -> None:
    db.add(
        DailyMetric(
            athlete_id=athlete.id, organization_id=athlete.organization_id, day=day, **values
        )
    )


def test_rows_are_updated_by_key_with_dates_numbers_and_timestamps(
    db: Session, world: World
) -> None:
    athlete = world.greta
    first = NOW.date() - timedelta(days=2)
    for offset in range(3):
        _store_day(db, athlete, first + timedelta(days=offset))
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


def test_a_rows_table_joins_the_same_rows_on_either_database(db: Session, world: World) -> None:
    """PostgreSQL takes the rows as one array per column, SQLite as one JSON array of rows."""
    athlete = world.greta
    first = NOW.date() - timedelta(days=9)
    for offset in range(10):
        _store_day(db, athlete, first + timedelta(days=offset), load=float(offset))
    db.flush()
    table = RowsTable("wanted", [("athlete_id", BigId), ("lo", Date()), ("hi", Date())])
    rows = [
        (athlete.id, first, first + timedelta(days=1)),
        (athlete.id, first + timedelta(days=8), first + timedelta(days=20)),
        (world.riley.id, first, NOW.date()),  # stored nothing
    ]
    shape, params = table.bind(db.connection(), rows)
    assert shape == (ARRAYS if db.connection().dialect.name == "postgresql" else JSON_ROWS)
    w = table.table(shape)
    statement = (
        select(DailyMetric.load)
        .join(
            w, (DailyMetric.athlete_id == w.c.athlete_id) & DailyMetric.day.between(w.c.lo, w.c.hi)
        )
        .order_by(DailyMetric.day)
    )
    assert db.scalars(statement, params).all() == [0.0, 1.0, 8.0, 9.0]


def test_a_float8_array_in_binary_becomes_numbers_without_python_floats() -> None:
    values = [1.5, -0.0, 1e300, 42.0]
    header = struct.pack(">iiiii", 1, 0, 701, len(values), 1)
    body = b"".join(struct.pack(">id", 8, v) for v in values)
    assert float8_array(header + body).tolist() == values
    assert float8_array(struct.pack(">iii", 0, 0, 701)).size == 0
    with pytest.raises(ValueError, match="without nulls"):
        float8_array(struct.pack(">iiiii", 1, 1, 701, 1, 1) + struct.pack(">i", -1))


def test_stored_loads_come_in_day_order_whatever_order_the_rows_were_written(
    db: Session, world: World
) -> None:
    """PostgreSQL aggregates them into arrays fed by an ordered scan; SQLite reads rows."""
    athlete = world.greta
    first = NOW.date() - timedelta(days=39)
    order = list(range(40))
    random.Random(7).shuffle(order)
    for offset in order:  # written out of day order: the table's physical order is shuffled
        day = first + timedelta(days=offset)
        _store_day(db, athlete, day, load=float(offset), longest_run_m=float(offset * 100))
        db.flush()
    loaded = history.loads_of(db, [athlete.id, world.riley.id])
    assert set(loaded) == {athlete.id}
    got = loaded[athlete.id]
    assert (got.first, got.last, got.count, got.gapless) == (first, NOW.date(), 40, True)
    assert got.loads.tolist() == [float(i) for i in range(40)]
    assert got.runs.tolist() == [float(i * 100) for i in range(40)]


def test_a_rows_table_is_one_statement_for_any_number_of_rows_and_gives_its_values_back(
    db: Session, world: World
) -> None:
    """One statement text (and one cache entry) whether a batch has one row or 400; its dates and
    ids come back as they went in."""
    table = RowsTable("echo", [("athlete_id", BigId), ("day", Date())])
    few = [(world.greta.id, NOW.date())]
    many = [(world.riley.id, NOW.date() - timedelta(days=i)) for i in range(400)]
    shapes = set()
    for rows in (few, many):
        shape, params = table.bind(db.connection(), rows)
        shapes.add(shape)
        w = table.table(shape)
        got = db.execute(select(w.c.athlete_id, w.c.day), params).all()
        assert sorted(tuple(r) for r in got) == sorted(rows)
    assert len(shapes) == 1
