"""Email preferences, the one-click unsubscribe link and the admin's delivery log."""

from __future__ import annotations

from html import escape
from typing import Annotated, Any, Literal

from fastapi import Query
from fastapi.responses import HTMLResponse

from runseason.api.deps import CurrentActor, Db, PageNumber, PageSize
from runseason.api.router import Router
from runseason.errors import InvalidInput
from runseason.schemas.common import Page
from runseason.schemas.notifications import (
    KIND_WORDS,
    DeliveryRead,
    NotificationPreferencesRead,
    NotificationPreferencesUpdate,
)
from runseason.services.notifications import preferences, sends, unsubscribe

router = Router(tags=["notifications"])
_PAGES: dict[int | str, dict[str, Any]] = {
    200: {"description": "A page saying what was turned off.", "content": {"text/html": {}}},
    404: {"description": "A page saying the link is not valid.", "content": {"text/html": {}}},
}
Token = Annotated[str, Query(min_length=1, max_length=500, description="The link's signed token.")]


@router.get("/me/notifications", response_model=NotificationPreferencesRead)
def get_notification_preferences(actor: CurrentActor, session: Db) -> NotificationPreferencesRead:
    """Your email preferences: the morning digest (coaches) or the check-in reminder (athletes)."""
    return preferences.get_notification_preferences(session, actor)


@router.patch("/me/notifications", response_model=NotificationPreferencesRead)
def update_notification_preferences(
    data: NotificationPreferencesUpdate, actor: CurrentActor, session: Db
) -> NotificationPreferencesRead:
    """Change your email preferences (digest on or off, reminder time, quiet weekdays)."""
    return preferences.update_notification_preferences(session, actor, data)


def _page(title: str, text: str, status_code: int = 200) -> HTMLResponse:
    body = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title></head><body><h1>{escape(title)}</h1>"
        f"<p>{escape(text)}</p></body></html>"
    )
    return HTMLResponse(body, status_code=status_code)


def _unsubscribed(session: Db, token: str) -> HTMLResponse:
    """A page for a person who clicked a link in an email (HTML, never JSON)."""
    try:
        kind = unsubscribe.unsubscribe(session, token)
    except InvalidInput as error:
        return _page("Not unsubscribed", error.message, status_code=404)
    return _page(
        "Unsubscribed",
        f"You will no longer receive the {KIND_WORDS[kind]} by email. "
        "You can turn it on again in your profile.",
    )


@router.get("/unsubscribe", responses=_PAGES)
def unsubscribe_link(token: Token, session: Db) -> HTMLResponse:
    """The link in an email: turns that one kind of email off, without signing in."""
    return _unsubscribed(session, token)


@router.post("/unsubscribe", responses=_PAGES)
def unsubscribe_one_click(token: Token, session: Db) -> HTMLResponse:
    """RFC 8058 one-click unsubscribe, posted by the mail client from List-Unsubscribe-Post."""
    return _unsubscribed(session, token)


@router.get("/admin/deliveries", response_model=Page[DeliveryRead])
def list_deliveries(
    actor: CurrentActor,
    session: Db,
    page: PageNumber = 1,
    page_size: PageSize = 50,
    status: Annotated[Literal["sending", "sent", "failed"] | None, Query()] = None,
) -> Page[DeliveryRead]:
    """Your organization's emails, newest first, with the reason of each failure (admins)."""
    return sends.list_deliveries(session, actor, status=status, page=page, page_size=page_size)
