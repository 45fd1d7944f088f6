"""One-click unsubscribe: a signed link per person and kind of email, usable without signing in.

The token is the person's id and the kind, signed with the secret key (``itsdangerous``); it
never expires, because an old email's link must still work. It can do one thing only: turn that
one kind of email off for that person.
"""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlencode

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import Session

from runseason.config import get_settings
from runseason.db.models import User
from runseason.errors import InvalidInput
from runseason.schemas.notifications import Kind
from runseason.services.notifications import preferences

SALT = "runseason.unsubscribe"
PATH = "/api/v1/unsubscribe"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(get_settings().secret_key.get_secret_value(), salt=SALT)


def unsubscribe_token(user_id: int, kind: Kind) -> str:
    """The signed token that turns ``kind`` off for the person."""
    return _serializer().dumps([user_id, kind])


def unsubscribe_url(user_id: int, kind: Kind) -> str:
    """The link in the email (and its List-Unsubscribe header)."""
    base = get_settings().public_url.rstrip("/")
    return f"{base}{PATH}?{urlencode({'token': unsubscribe_token(user_id, kind)})}"


def _invalid() -> InvalidInput:
    return InvalidInput(
        "This unsubscribe link is not valid: it may have been cut short when it was copied.",
        detail=[{"field": "token", "message": "not a valid unsubscribe link"}],
    )


def unsubscribe(session: Session, token: str) -> Kind:
    """Turn off the kind of email the token names for its person; that kind."""
    try:
        payload: Any = _serializer().loads(token)
    except BadSignature:
        raise _invalid() from None
    valid = (
        isinstance(payload, list)
        and len(payload) == 2
        and isinstance(payload[0], int)
        and payload[1] in ("digest", "reminder")
    )
    user = session.get(User, payload[0]) if valid else None
    if user is None:
        raise _invalid()
    kind = cast(Kind, payload[1])
    preferences.turn_off(session, user.id, user.organization_id, kind)
    return kind
