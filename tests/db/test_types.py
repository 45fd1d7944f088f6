"""Timestamps: stored as UTC, read back UTC-aware, on SQLite (text) and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select, text
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from runseason.db.models import Organization
from runseason.db.types import UTCDateTime


def _stored_and_read(db: Session, slug: str, stamp: datetime) -> datetime | None:
    """Store ``stamp`` as an organization's creation time and read it back from the database."""
    db.add(Organization(name=slug.title(), slug=slug, created_at=stamp))
    db.flush()
    db.expire_all()
    return db.scalar(select(Organization.created_at).where(Organization.slug == slug))


@pytest.mark.parametrize("microsecond", [891011, 0])
def test_a_timestamp_comes_back_as_the_same_instant_in_utc(db: Session, microsecond: int) -> None:
    stamp = datetime(2026, 3, 4, 5, 6, 7, microsecond, tzinfo=timezone(timedelta(hours=-5)))
    read = _stored_and_read(db, "zone", stamp)
    assert read == stamp
    assert read is not None
    assert read.tzinfo is UTC
    assert (read.hour, read.microsecond) == (10, microsecond)


def test_a_naive_timestamp_is_refused(db: Session) -> None:
    db.add(Organization(name="Naive", slug="naive", created_at=datetime(2026, 3, 4, 5, 6, 7)))
    with pytest.raises(StatementError, match="naive datetime"):
        db.flush()


def test_sqlite_text_in_another_shape_is_still_read_as_utc() -> None:
    """Rows written by other tools (no fraction, an offset, the date alone) read as UTC too."""
    engine = create_engine("sqlite://")
    table = Table(
        "stamps", MetaData(), Column("id", Integer, primary_key=True), Column("at", UTCDateTime())
    )
    table.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            insert(table), [{"id": 1, "at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)}]
        )
        stored = connection.scalar(text("SELECT at FROM stamps"))
        assert stored == "2026-01-02 03:04:05.000000"  # naive UTC text, as SQLAlchemy writes it
        connection.execute(
            text("INSERT INTO stamps VALUES (2, '2026-01-02 03:04:05'), (3, '2026-01-02')")
        )
        read = dict(connection.execute(select(table.c.id, table.c.at)).all())
    expected = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert read == {1: expected, 2: expected, 3: datetime(2026, 1, 2, tzinfo=UTC)}
    assert all(value.tzinfo is UTC for value in read.values())
    engine.dispose()


def test_a_session_set_to_another_zone_still_reads_utc(db: Session) -> None:
    """Sessions start in UTC; one changed to another zone still hands back UTC values."""
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("SET LOCAL TIME ZONE 'America/New_York'"))
    stamp = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    read = _stored_and_read(db, "elsewhere", stamp)
    assert read == stamp
    assert read is not None
    assert read.tzinfo is UTC
