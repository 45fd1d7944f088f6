"""Idempotent submissions: the same key and body give the stored response, never a second write."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
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
    """(status, body, replayed): the stored answer for a repeated key, else ``produce()`` stored.

    The key is claimed before the work: a simultaneous retry waits on the claim's unique index
    until the first request commits, then replays its answer (or redoes the work if it failed).
    """
    if not 8 <= len(key) <= 200:
        raise InvalidInput("Idempotency-Key must be 8 to 200 characters.")
    digest = body_hash(body)
    session.execute(
        delete(IdempotencyRecord).where(
            IdempotencyRecord.created_at < now - timedelta(hours=KEEP_HOURS)
        )
    )
    claim = IdempotencyRecord(
        user_id=actor.user_id,
        key=key,
        method=method,
        path=path,
        request_hash=digest,
        status_code=0,
        response_body="null",
        created_at=now,
    )
    try:
        with session.begin_nested():
            session.add(claim)
    except IntegrityError:
        return _replay(session, actor, key, method, path, digest)
    status, payload = produce()
    claim.status_code = status
    claim.response_body = json.dumps(payload, default=str)
    session.flush()
    return status, payload, False


def _replay(
    session: Session, actor: Actor, key: str, method: str, path: str, digest: str
) -> tuple[int, Any, bool]:
    found = session.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.user_id == actor.user_id, IdempotencyRecord.key == key
        )
    )
    if found is None or found.status_code == 0:
        raise Conflict("A request with this Idempotency-Key is still in progress; retry shortly.")
    if found.request_hash != digest or found.method != method or found.path != path:
        raise Conflict("This Idempotency-Key was used for a different request.")
    return found.status_code, json.loads(found.response_body), True
