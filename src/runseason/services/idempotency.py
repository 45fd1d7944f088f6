"""Idempotent submissions: the same key and body give the stored response, never a second write."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runseason.db.models import IdempotencyRecord
from runseason.errors import Conflict, InvalidInput
from runseason.services.identity.access import Actor

KEEP_HOURS = 24


def body_hash(body: Any) -> str:
    """A stable hash of a request body."""
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def run_once(
    session: Session,
    actor: Actor,
    key: str,
    method: str,
    path: str,
    body: Any,
    produce: Callable[[], tuple[int, Any]],
    *,
    now: datetime,
) -> tuple[int, Any, bool]:
    """(status, body, replayed): the stored answer for a repeated key, else ``produce()`` stored."""
    if not 8 <= len(key) <= 200:
        raise InvalidInput("Idempotency-Key must be 8 to 200 characters.")
    digest = body_hash(body)
    session.execute(
        delete(IdempotencyRecord).where(
            IdempotencyRecord.created_at < now - timedelta(hours=KEEP_HOURS)
        )
    )
    found = session.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.user_id == actor.user_id, IdempotencyRecord.key == key
        )
    )
    if found is not None:
        if found.request_hash != digest or found.method != method or found.path != path:
            raise Conflict("This Idempotency-Key was used for a different request.")
        return found.status_code, json.loads(found.response_body), True
    status, payload = produce()
    session.add(
        IdempotencyRecord(
            user_id=actor.user_id,
            key=key,
            method=method,
            path=path,
            request_hash=digest,
            status_code=status,
            response_body=json.dumps(payload, default=str),
            created_at=now,
        )
    )
    session.flush()
    return status, payload, False
