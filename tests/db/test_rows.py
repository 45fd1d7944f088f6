"""Rows tables (a JSON array of rows joined to a statement) and the stored loads."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import Date, select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, DailyMetric
from runseason.db.rows import RowsTable
from runseason.db.types import BigId
from runseason.services.refresh import history
from tests.factories import NOW, World


def _store_day(db: Session, athlete: Athlete, day: date, **values: float) -> None:
    db.add(
        DailyMetric(
            athlete_id=athlete.id, organization_id=athlete.organization_id, day=day, **values
        )
    )


def test_a_rows_table_joins_the_same_rows_on_either_database(db: Session, world: World) -> None:
    """Both databases take the rows as one JSON array, through their own JSON functions."""
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
    w = table.table
    statement = (
        select(DailyMetric.load)
        .join(
            w, (DailyMetric.athlete_id == w.c.athlete_id) & DailyMetric.day.between(w.c.lo, w.c.hi)
        )
        .order_by(DailyMetric.day)
    )
    assert db.scalars(statement, table.params(rows)).all() == [0.0, 1.0, 8.0, 9.0]


def test_stored_loads_come_in_day_order_whatever_order_the_rows_were_written(
    db: Session, world: World
) -> None:
    """Read from the day rows (no load series yet), in day order on both databases."""
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
    texts = set()
    for rows in (few, many):
        statement = select(table.table.c.athlete_id, table.table.c.day)
        texts.add(str(statement.compile(db.connection())))
        got = db.execute(statement, table.params(rows)).all()
        assert sorted(tuple(r) for r in got) == sorted(rows)
    assert len(texts) == 1
    with pytest.raises(TypeError, match="numbers, text and dates"):
        table.params([(world.greta.id, object())])
