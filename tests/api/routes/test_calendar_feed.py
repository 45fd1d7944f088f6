"""The calendar feed over real HTTP: made, read by a calendar parser, kept current, revoked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from icalendar import Calendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.api import deps
from runseason.api.app import create_app
from runseason.db.models import CalendarFeed, PlannedSession
from runseason.schemas.plans import PlanCreate, SessionEdit
from runseason.services.plans import editing, generation
from tests.api.conftest import Clock
from tests.factories import NOW, PASSWORD, World, actor
from tests.livehttp import serving

PACE_PER_MILE = re.compile(r"\d+:\d\d–\d+:\d\d /mi")


@pytest.fixture
def live(db: Session, clock: Clock) -> Iterator[str]:
    app = create_app()
    app.dependency_overrides[deps.now] = clock
    with serving(app) as base:
        yield base


def _sign_in(base: str, email: str) -> dict[str, str]:
    answer = httpx.post(f"{base}/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def _plan_for_greta(db: Session, world: World) -> list[PlannedSession]:
    world.greta.unit_preference = "mi"
    world.greta.vdot, world.greta.hr_max, world.greta.hr_rest = 50.0, 190, 50
    db.flush()
    data = PlanCreate(race_distance_m=10_000, race_date=NOW.date() + timedelta(weeks=12))
    plan = generation.generate_plan(db, actor(db, world.cole), world.greta.id, data, now=NOW)
    return list(db.scalars(select(PlannedSession).where(PlannedSession.plan_id == plan.id)))


def _events(base: str, url: str) -> tuple[httpx.Response, list[object]]:
    answer = httpx.get(url)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/calendar")
    return answer, Calendar.from_ical(answer.content).walk("VEVENT")


def test_an_athlete_subscribes_to_their_plan_in_their_units_with_the_coach_note(
    live: str, db: Session, world: World
) -> None:
    rows = _plan_for_greta(db, world)
    quality = next(r for r in rows if r.is_hard)
    note = "Hold back on the first rep."
    editing.edit_session(
        db, actor(db, world.cole), quality.id, SessionEdit(coach_note=note), now=NOW
    )
    greta = _sign_in(live, world.user_of(world.greta, db).email)
    made = httpx.post(f"{live}/api/v1/athletes/{world.greta.id}/calendar-feed", headers=greta)
    assert made.status_code == 201, made.text
    url = made.json()["url"]
    assert url.startswith(live)
    assert url.endswith(".ics")

    answer, events = _events(live, url)
    shown = [r for r in rows if r.status != "cancelled"]
    assert len(events) == len(shown)
    by_uid = {str(e["uid"]): e for e in events}  # type: ignore[index]
    event = by_uid[f"planned-session-{quality.id}@runseason"]
    text = str(event["description"])  # type: ignore[index]
    assert f"Coach's note: {note}" in text
    assert PACE_PER_MILE.search(text), text
    assert re.search(r"\d+–\d+ bpm", text), text
    assert event.decoded("dtstart") == quality.scheduled_date  # type: ignore[attr-defined]
    assert "/km" not in answer.text

    # The same feed again: the calendar app's conditional request is answered 304.
    again = httpx.get(url, headers={"If-None-Match": answer.headers["etag"]})
    assert again.status_code == 304
    assert answer.headers["last-modified"].endswith("GMT")
    since = httpx.get(url, headers={"If-Modified-Since": answer.headers["last-modified"]})
    assert since.status_code == 304
    older = httpx.get(url, headers={"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"})
    assert older.status_code == 200


def test_the_feed_follows_the_plan_and_stops_when_revoked_or_replaced(
    live: str, db: Session, world: World, clock: Clock
) -> None:
    rows = _plan_for_greta(db, world)
    greta = _sign_in(live, world.user_of(world.greta, db).email)
    path = f"{live}/api/v1/athletes/{world.greta.id}/calendar-feed"
    url = httpx.post(path, headers=greta).json()["url"]
    before, _ = _events(live, url)

    moved = next(r for r in rows if r.category != "rest")
    clock.moment = NOW + timedelta(minutes=5)
    new_day = moved.scheduled_date + timedelta(days=1)
    edit = SessionEdit(scheduled_date=new_day, title="Moved run")
    editing.edit_session(db, actor(db, world.cole), moved.id, edit, now=clock.moment)
    after, events = _events(live, url)
    assert after.headers["etag"] != before.headers["etag"]
    event = next(e for e in events if str(e["uid"]) == f"planned-session-{moved.id}@runseason")  # type: ignore[index]
    assert event.decoded("dtstart") == new_day  # type: ignore[attr-defined]

    stored = db.scalar(select(CalendarFeed).where(CalendarFeed.athlete_id == world.greta.id))
    assert stored is not None
    assert url.rsplit("/", 1)[1].removesuffix(".ics") not in stored.token_hash

    replaced = httpx.post(path, headers=greta).json()["url"]
    assert httpx.get(url).status_code == 404
    assert httpx.get(replaced).status_code == 200
    assert httpx.get(path, headers=greta).json()["active"] is True

    assert httpx.delete(path, headers=greta).status_code == 204
    assert httpx.get(replaced).status_code == 404
    assert httpx.get(path, headers=greta).json() == {"active": False, "created_at": None}


def test_others_cannot_make_an_athletes_feed_and_unknown_addresses_are_not_found(
    live: str, db: Session, world: World
) -> None:
    otto = _sign_in(live, world.otto.email)
    made = httpx.post(f"{live}/api/v1/athletes/{world.greta.id}/calendar-feed", headers=otto)
    assert made.status_code == 404
    assert httpx.get(f"{live}/api/v1/calendar/{'x' * 43}.ics").status_code == 404
