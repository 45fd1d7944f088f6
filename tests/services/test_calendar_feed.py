"""The calendar feed's address (made, replaced, revoked; stored hashed) and its contents."""

from __future__ import annotations

import pytest
from icalendar import Calendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import CalendarFeed
from runseason.errors import NotFound, PermissionDenied
from runseason.services import calendar_feed
from runseason.services.identity.auth import token_digest
from tests.factories import NOW, World, actor
from tests.services.test_workouts import greta_plan


def _token(path: str) -> str:
    return path.rsplit("/", 1)[1].removesuffix(".ics")


def test_the_address_is_stored_hashed_and_replacing_it_voids_the_old_one(
    db: Session, world: World
) -> None:
    greta = actor(db, world.user_of(world.greta, db))
    first = _token(calendar_feed.create_calendar_feed(db, greta, world.greta.id, now=NOW).path)
    stored = db.scalar(select(CalendarFeed).where(CalendarFeed.athlete_id == world.greta.id))
    assert stored is not None
    assert stored.token_hash == token_digest(first)
    second = _token(calendar_feed.create_calendar_feed(db, greta, world.greta.id, now=NOW).path)
    with pytest.raises(NotFound):
        calendar_feed.read_calendar(db, first)
    assert calendar_feed.read_calendar(db, second).content.startswith(b"BEGIN:VCALENDAR")
    calendar_feed.revoke_calendar_feed(db, greta, world.greta.id)
    with pytest.raises(NotFound):
        calendar_feed.read_calendar(db, second)
    assert not calendar_feed.get_calendar_feed(db, greta, world.greta.id).active


def test_cancelled_sessions_leave_the_feed(db: Session, world: World) -> None:
    rows = greta_plan(db, world)
    rows[0].status = "cancelled"
    db.flush()
    coach = actor(db, world.cole)
    token = _token(calendar_feed.create_calendar_feed(db, coach, world.greta.id, now=NOW).path)
    events = Calendar.from_ical(calendar_feed.read_calendar(db, token).content).walk("VEVENT")
    uids = {str(e["uid"]) for e in events}
    assert len(uids) == len(rows) - 1
    assert f"planned-session-{rows[0].id}@runseason" not in uids


def test_a_read_only_key_cannot_make_an_address(db: Session, world: World) -> None:
    with pytest.raises(PermissionDenied):
        calendar_feed.create_calendar_feed(
            db, actor(db, world.cole, scope="read"), world.greta.id, now=NOW
        )
