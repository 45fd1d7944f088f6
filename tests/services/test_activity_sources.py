"""A session's sources: found by content, matched by start and distance, gaps filled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from runseason.parsers import ParsedActivity
from runseason.services import activity_import, activity_sources
from tests.factories import NOW, World, actor

START = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)


def activity(
    shift_s: float = 0, distance_m: float = 8000, avg_hr: float | None = None
) -> ParsedActivity:
    return ParsedActivity(
        sport="running",
        start_time=START + timedelta(seconds=shift_s),
        duration_s=2400,
        moving_time_s=None,
        distance_m=distance_m,
        avg_hr=avg_hr,
        max_hr=None,
        elevation_gain_m=None,
        source_format="csv",
    )


def test_a_row_is_found_by_content_and_the_activity_by_start_and_distance(
    db: Session, world: World
) -> None:
    me = actor(db, world.user_of(world.greta, db))
    athlete = world.greta
    run = activity_import.new_run(db, me, athlete, "list.csv", b"rows", NOW)
    origin = activity_sources.Origin("list.csv, line 2", "a" * 64, run.id)
    row, merged = activity_import.store_activity(db, athlete, activity(), origin, run, now=NOW)
    assert not merged
    assert activity_sources.find_by_content(db, athlete.id, "a" * 64) == row.id
    assert activity_sources.find_by_content(db, athlete.id, "b" * 64) is None
    assert activity_sources.find_same_activity(db, athlete.id, activity(90, 8200)) is row
    assert activity_sources.find_same_activity(db, athlete.id, activity(150)) is None
    assert activity_sources.find_same_activity(db, athlete.id, activity(0, 8400)) is None


def test_a_second_source_fills_what_the_session_lacks(db: Session, world: World) -> None:
    me = actor(db, world.user_of(world.greta, db))
    run = activity_import.new_run(db, me, world.greta, "list.csv", b"rows", NOW)
    first = activity_sources.Origin("list.csv, line 2", "a" * 64, run.id)
    row, _ = activity_import.store_activity(db, world.greta, activity(), first, run, now=NOW)
    second = activity_sources.Origin("watch.fit", "b" * 64, run.id)
    again, merged = activity_import.store_activity(
        db, world.greta, activity(30, avg_hr=151.4), second, run, now=NOW
    )
    assert merged
    assert again is row
    assert row.avg_hr == 151
