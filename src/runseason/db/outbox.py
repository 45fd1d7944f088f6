"""The webhook outbox, written by one session listener in the transaction of each change.

After every flush, each new check-in, logged session, opened or resolved intervention, new
recommendation and changed plan becomes one ``webhook_messages`` row, so an event is stored if
and only if its change commits. The worker (``services/webhooks``) delivers them later. A plan's
many session rows changed in one transaction make one ``plan.changed`` event.
"""

from __future__ import annotations

import uuid
import weakref
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Insert, event, insert
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker
from sqlalchemy.orm.attributes import get_history

_installed: weakref.WeakSet[sessionmaker[Session]] = weakref.WeakSet()
SEEN_PLANS = "outbox_plans"


def install(factory: sessionmaker[Session]) -> None:
    """Attach the outbox listener to every session this factory makes (once per factory)."""
    if factory not in _installed:
        event.listen(factory, "after_flush", _after_flush)
        event.listen(factory, "after_transaction_end", _forget_plans)
        _installed.add(factory)


@cache
def _insert_messages() -> Insert:
    from runseason.db.models.integrations import WebhookMessage  # noqa: PLC0415 (models cycle)

    return insert(WebhookMessage)


def message_key() -> str:
    """A new webhook-id: "msg_" and 32 hex digits."""
    return f"msg_{uuid.uuid4().hex}"


def message(
    organization_id: int, event_type: str, data: dict[str, Any], now: datetime
) -> dict[str, Any]:
    """One outbox row: the Standard Webhooks payload (type, timestamp, data)."""
    payload = {"type": event_type, "timestamp": now.isoformat(), "data": data}
    return {
        "organization_id": organization_id,
        "athlete_id": data.get("athlete_id"),
        "message_key": message_key(),
        "event_type": event_type,
        "payload": payload,
        "created_at": now,
    }


def _athlete_event(kind: str, obj: Any, **fields: Any) -> tuple[str, dict[str, Any]]:
    return kind, {"id": obj.id, "athlete_id": obj.athlete_id, **fields}


def _checkin(obj: Any) -> tuple[str, dict[str, Any]]:
    return _athlete_event("checkin.created", obj, local_date=obj.local_date.isoformat())


def _log(obj: Any) -> tuple[str, dict[str, Any]]:
    return _athlete_event(
        "session.logged",
        obj,
        local_date=obj.local_date.isoformat(),
        sport=obj.sport,
        duration_s=obj.duration_s,
        distance_m=obj.distance_m,
    )


def _intervention(obj: Any) -> tuple[str, dict[str, Any]]:
    return _athlete_event("intervention.opened", obj, cause=obj.cause, title=obj.title)


def _recommendation(obj: Any) -> tuple[str, dict[str, Any]]:
    return _athlete_event(
        "recommendation.created",
        obj,
        local_date=obj.local_date.isoformat(),
        type=obj.type,
        title=obj.title,
    )


_ON_INSERT: dict[str, Callable[[Any], tuple[str, dict[str, Any]]]] = {
    "check_ins": _checkin,
    "training_logs": _log,
    "interventions": _intervention,
    "recommendations": _recommendation,
}
_PLAN_TABLES = frozenset({"training_plans", "planned_sessions", "plan_weeks"})


def _plan_of(obj: Any, table: str) -> tuple[int, int | None] | None:
    """(plan id, athlete id) of a plan or a row of it."""
    if table == "training_plans":
        return obj.id, obj.athlete_id
    plan_id = getattr(obj, "plan_id", None)
    return None if plan_id is None else (plan_id, getattr(obj, "athlete_id", None))


def _resolved(obj: Any) -> bool:
    added: Sequence[Any] = get_history(obj, "status").added or ()
    return "resolved" in added and obj.status == "resolved"


def _object_event(state: str, obj: Any, table: str) -> tuple[str, dict[str, Any]] | None:
    """The event of one inserted or changed object, if it makes one."""
    if state == "new" and table in _ON_INSERT:
        return _ON_INSERT[table](obj)
    if state == "dirty" and table == "interventions" and _resolved(obj):
        return _athlete_event("intervention.resolved", obj, cause=obj.cause)
    return None


def _events(session: Session) -> list[tuple[int, str, dict[str, Any]]]:
    out: list[tuple[int, str, dict[str, Any]]] = []
    plans: dict[int, tuple[int, int | None]] = {}
    for state, objs in (("new", session.new), ("dirty", session.dirty), ("gone", session.deleted)):
        for obj in objs:
            table = getattr(obj, "__tablename__", "")
            found = _object_event(state, obj, table)
            if found is not None:
                out.append((obj.organization_id, found[0], found[1]))
            if table in _PLAN_TABLES and (state != "dirty" or session.is_modified(obj)):
                plan = _plan_of(obj, table)
                if plan is not None:
                    plans[plan[0]] = (obj.organization_id, plan[1])
    seen: set[int] = session.info.setdefault(SEEN_PLANS, set())
    for plan_id, (organization_id, athlete_id) in plans.items():
        if plan_id not in seen:
            seen.add(plan_id)
            data = {"plan_id": plan_id, "athlete_id": athlete_id}
            out.append((organization_id, "plan.changed", data))
    return out


def _after_flush(session: Session, _flush_context: Any) -> None:
    found = _events(session)
    if found:
        now = datetime.now(UTC)
        rows = [message(org, kind, data, now) for org, kind, data in found]
        session.connection().execute(_insert_messages(), rows)


def _forget_plans(session: Session, transaction: SessionTransaction) -> None:
    # A plan changed again in a later transaction is a new event.
    if transaction.parent is None:
        session.info.pop(SEEN_PLANS, None)
