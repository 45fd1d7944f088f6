"""Athlete · My plan: the calendar, the calendar link and the workout downloads."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import CalendarFeed
from runseason.db.types import utcnow
from runseason.schemas.plans import PlanCreate
from runseason.services.plans import generation
from tests.factories import World, actor
from tests.ui.conftest import Open, button_of, text_of


def test_renders_for_an_athlete(open_page: Open, world: World, db: Session) -> None:
    at = open_page(world.user_of(world.riley, db), "my_plan")
    assert at.title


def test_an_athlete_makes_and_turns_off_a_calendar_link(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.user_of(world.greta, db), "my_plan")
    button_of(at, "Make a calendar link").click()  # type: ignore[attr-defined]
    at.run()
    assert "Keep it private" in text_of(at)
    (link,) = [c.value for c in at.code]
    assert link.endswith(".ics")
    assert "/api/v1/calendar/" in link
    feed = db.scalar(select(CalendarFeed).where(CalendarFeed.athlete_id == world.greta.id))
    assert feed is not None
    assert link.rsplit("/", 1)[1] not in feed.token_hash
    at.run()
    button_of(at, "Turn the calendar link off").click()  # type: ignore[attr-defined]
    at.run()
    assert "no longer works" in text_of(at)
    assert db.scalar(select(CalendarFeed).where(CalendarFeed.athlete_id == world.greta.id)) is None


def test_an_athlete_downloads_the_next_session_for_the_watch(
    open_page: Open, world: World, db: Session
) -> None:
    now = utcnow()
    data = PlanCreate(race_distance_m=10_000, race_date=now.date() + timedelta(weeks=12))
    generation.generate_plan(db, actor(db, world.cole), world.greta.id, data, now=now)
    at = open_page(world.user_of(world.greta, db), "my_plan")
    assert "Workouts for your watch" in text_of(at)
    downloads = at.get("download_button")
    assert len(downloads) == 2
    labels = [d.proto.label for d in downloads]
    assert labels == ["Download for a Garmin watch", "Download for a treadmill app"]
    assert at.selectbox[0].options
