"""An athlete's plan as a calendar feed at a secret, revocable address.

The address carries a random token; only its hash is stored, so it is shown once when made.
Making a new one replaces the old (the old address stops working); turning it off deletes it.
The feed is built on each request from the current plan, so a change shows at the next refresh.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import Athlete, CalendarFeed, PlannedSession, TrainingPlan
from runseason.domain.units import format_distance
from runseason.errors import NotFound
from runseason.exports.ical import CalendarEntry, encode_calendar
from runseason.schemas.integrations import CalendarFeedCreated, CalendarFeedRead
from runseason.services.briefing import athlete_zones
from runseason.services.identity.access import Actor, get_athlete, use_case
from runseason.services.identity.auth import token_digest
from runseason.services.plans.stored import title_of
from runseason.services.workouts import shape_of_planned, structures_of, target_lines

FEED_PATH = "/api/v1/calendar/{token}.ics"
HIDDEN = ("cancelled",)


@dataclass(frozen=True, slots=True)
class CalendarDocument:
    """The feed's bytes with what HTTP caches compare: an entity tag and a modification time."""

    content: bytes
    etag: str
    last_modified: datetime


def _feed_of(session: Session, athlete_id: int) -> CalendarFeed | None:
    return session.scalar(select(CalendarFeed).where(CalendarFeed.athlete_id == athlete_id))


@use_case("athlete")
def get_calendar_feed(session: Session, actor: Actor, athlete_id: int) -> CalendarFeedRead:
    """Whether the athlete's calendar address is on."""
    get_athlete(session, actor, athlete_id)
    feed = _feed_of(session, athlete_id)
    if feed is None:
        return CalendarFeedRead(active=False)
    return CalendarFeedRead(active=True, created_at=feed.created_at)


@use_case("athlete", writes=True)
def create_calendar_feed(
    session: Session, actor: Actor, athlete_id: int, *, now: datetime
) -> CalendarFeedCreated:
    """A new secret calendar address for the athlete (any earlier one stops working)."""
    athlete = get_athlete(session, actor, athlete_id, write=True)
    token = secrets.token_urlsafe(32)
    feed = _feed_of(session, athlete_id)
    if feed is None:
        feed = CalendarFeed(organization_id=athlete.organization_id, athlete_id=athlete.id)
        session.add(feed)
    feed.token_hash = token_digest(token)
    feed.created_at = now
    feed.created_by_id = actor.user_id
    session.flush()
    return CalendarFeedCreated(path=FEED_PATH.format(token=token), created_at=now)


@use_case("athlete", writes=True)
def revoke_calendar_feed(session: Session, actor: Actor, athlete_id: int) -> None:
    """Turn the athlete's calendar address off."""
    get_athlete(session, actor, athlete_id, write=True)
    feed = _feed_of(session, athlete_id)
    if feed is not None:
        session.delete(feed)
        session.flush()


def _description(lines: list[str], note: str | None, distance: str | None) -> str:
    out = ([f"Distance: {distance}"] if distance else []) + lines
    if note:
        out.append(f"Coach's note: {note}")
    return "\n".join(out)


def _entries(session: Session, athlete: Athlete, plan: TrainingPlan) -> list[CalendarEntry]:
    rows = list(
        session.scalars(
            select(PlannedSession)
            .where(PlannedSession.plan_id == plan.id, PlannedSession.status.not_in(HIDDEN))
            .order_by(PlannedSession.scheduled_date, PlannedSession.order_in_day)
        )
    )
    zones, structures = athlete_zones(athlete), structures_of(session, rows)
    out = []
    for row in rows:
        resting = row.category == "rest" or row.planned_duration_s <= 0
        lines = [] if resting else target_lines(row, shape_of_planned(row, structures), zones)
        distance = row.planned_distance_m and format_distance(row.planned_distance_m, zones.unit, 1)
        out.append(
            CalendarEntry(
                uid=f"planned-session-{row.id}@runseason",
                day=row.scheduled_date,
                title=title_of(row, zones.unit),
                description=_description(lines, row.coach_note, distance or None),
                modified=max(row.updated_at, athlete.updated_at),
                sequence=plan.version,
            )
        )
    return out


def read_calendar(session: Session, token: str) -> CalendarDocument:
    """The feed behind a calendar address (``NotFound`` for an unknown or revoked one)."""
    feed = session.scalar(
        select(CalendarFeed).where(CalendarFeed.token_hash == token_digest(token))
    )
    athlete = session.get(Athlete, feed.athlete_id) if feed else None
    if feed is None or athlete is None or not athlete.is_active:
        raise NotFound("calendar not found")
    plan = session.scalar(
        select(TrainingPlan)
        .where(TrainingPlan.athlete_id == athlete.id, TrainingPlan.status == "active")
        .order_by(TrainingPlan.id.desc())
        .limit(1)
    )
    entries = _entries(session, athlete, plan) if plan else []
    stamp = max(
        [e.modified for e in entries]
        + [feed.created_at, athlete.updated_at]
        + ([plan.updated_at] if plan else [])
    ).replace(microsecond=0)
    content = encode_calendar(f"{athlete.display_name} · training plan", entries, stamp=stamp)
    etag = hashlib.sha256(content).hexdigest()[:32]
    return CalendarDocument(content, f'"{etag}"', stamp)
