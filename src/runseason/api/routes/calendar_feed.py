"""An athlete's plan as a calendar feed: the secret address, and the feed behind it."""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime

from fastapi import Path, Request, Response

from runseason.api.deps import CurrentActor, Db, Now, PathId
from runseason.api.router import Router
from runseason.schemas.integrations import CalendarFeedCreated, CalendarFeedRead
from runseason.services import calendar_feed

router = Router(tags=["athletes"])
TOKEN = Path(min_length=20, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")


@router.get("/athletes/{athlete_id}/calendar-feed", response_model=CalendarFeedRead)
def get_calendar_feed(athlete_id: PathId, actor: CurrentActor, session: Db) -> CalendarFeedRead:
    """Whether the athlete's calendar address is on (the address itself is shown only once)."""
    return calendar_feed.get_calendar_feed(session, actor, athlete_id)


@router.post(
    "/athletes/{athlete_id}/calendar-feed", response_model=CalendarFeedCreated, status_code=201
)
def create_calendar_feed(
    athlete_id: PathId, actor: CurrentActor, session: Db, now: Now, request: Request
) -> CalendarFeedCreated:
    """A new secret calendar address (the earlier one stops working); `url` is shown once."""
    created = calendar_feed.create_calendar_feed(session, actor, athlete_id, now=now)
    return created.model_copy(update={"url": str(request.base_url).rstrip("/") + created.path})


@router.delete("/athletes/{athlete_id}/calendar-feed", status_code=204)
def revoke_calendar_feed(athlete_id: PathId, actor: CurrentActor, session: Db) -> Response:
    """Turn the athlete's calendar address off."""
    calendar_feed.revoke_calendar_feed(session, actor, athlete_id)
    return Response(status_code=204)


def _unchanged(request: Request, etag: str, last_modified: datetime) -> bool:
    """A conditional GET the calendar app may answer from its copy (RFC 9110: the tag first)."""
    tag = request.headers.get("if-none-match")
    if tag is not None:
        return etag in (t.strip() for t in tag.split(","))
    since = request.headers.get("if-modified-since")
    try:
        return since is not None and last_modified <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


@router.get("/calendar/{token}.ics", response_class=Response)
def calendar(token: str = TOKEN, *, session: Db, request: Request) -> Response:
    """The plan as iCalendar, for calendar apps; the secret address is the credential."""
    document = calendar_feed.read_calendar(session, token)
    headers = {
        "ETag": document.etag,
        "Last-Modified": format_datetime(document.last_modified, usegmt=True),
        "Cache-Control": "private, no-cache",
    }
    if _unchanged(request, document.etag, document.last_modified):
        return Response(status_code=304, headers=headers)
    return Response(document.content, media_type="text/calendar; charset=utf-8", headers=headers)
