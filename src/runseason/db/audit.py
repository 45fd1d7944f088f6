"""The audit trail, written by one session listener rather than by each service.

After every flush, each inserted, updated or deleted object of an audited model (``__audited__``)
becomes one ``audit_log`` row with the acting user and request id from ``runseason.context`` and the
changed columns as ``{"column": [before, after]}``. Redacted columns record that they changed, never
their values; ignored columns (bookkeeping) do not produce a row on their own.
"""

from __future__ import annotations

import datetime as dt
import enum
import weakref
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import Insert, event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import get_history

from runseason import context

REDACTED = "[redacted]"


_installed: weakref.WeakSet[sessionmaker[Session]] = weakref.WeakSet()


def install(factory: sessionmaker[Session]) -> None:
    """Attach the audit listener to every session this factory makes (once per factory)."""
    # Tracked here: ``event.contains`` can answer True for a new factory that reuses the
    # registry of a collected one, whose sessions would then write no audit rows.
    if factory not in _installed:
        event.listen(factory, "before_flush", _before_flush)
        event.listen(factory, "after_flush", _after_flush)
        _installed.add(factory)


def _before_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    # Deleted rows are read before the DELETE runs, while every attribute can still load.
    pending = session.info.setdefault("audit_deletes", {})
    for obj in session.deleted:
        if getattr(obj, "__audited__", False) and id(obj) not in pending:
            pending[id(obj)] = _row(session, obj, "delete", _delete_changes(obj))


@cache
def _insert_rows() -> Insert:
    """The audit rows' INSERT, built once so SQLAlchemy's statement cache serves every flush."""
    from runseason.db.models.audit import AuditLog  # noqa: PLC0415 (models import this module)

    return insert(AuditLog)


def _after_flush(session: Session, _flush_context: Any) -> None:
    rows: list[dict[str, Any]] = []
    for obj in session.new:
        if getattr(obj, "__audited__", False):
            rows.append(_row(session, obj, "insert", _insert_changes(obj)))
    for obj in session.dirty:
        if getattr(obj, "__audited__", False) and session.is_modified(obj):
            changes = _update_changes(obj)
            if changes:
                rows.append(_row(session, obj, "update", changes))
    pending = session.info.pop("audit_deletes", {})
    for obj in session.deleted:
        if getattr(obj, "__audited__", False):
            rows.append(pending.get(id(obj)) or _row(session, obj, "delete", _delete_changes(obj)))
    if rows:
        session.connection().execute(_insert_rows(), rows)


def _row(session: Session, obj: Any, action: str, changes: dict[str, Any]) -> dict[str, Any]:
    state = inspect(obj)
    mapper = state.mapper
    identity = state.identity or tuple(getattr(obj, c.key) for c in mapper.primary_key)
    organization_id = getattr(obj, "organization_id", None)
    if mapper.local_table.name == "organizations":
        organization_id = obj.id
    ctx = context.current()
    # An entry point may pin the actor on the session (worker threads do not share context vars).
    actor_user_id = session.info.get("actor_user_id", ctx.user_id)
    return {
        "organization_id": organization_id if organization_id is not None else ctx.organization_id,
        "actor_user_id": actor_user_id,
        "request_id": ctx.request_id,
        "occurred_at": dt.datetime.now(dt.UTC),
        "entity": mapper.local_table.name,
        "entity_id": ":".join(str(v) for v in identity),
        "action": action,
        "changes": changes,
    }


def _columns(obj: Any) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs]


def _shown(obj: Any, key: str, value: Any) -> Any:
    return REDACTED if key in obj.__audit_redacted__ else _jsonable(value)


def _insert_changes(obj: Any) -> dict[str, Any]:
    return {
        key: [None, _shown(obj, key, getattr(obj, key))]
        for key in _columns(obj)
        if getattr(obj, key) is not None and key not in obj.__audit_ignored__
    }


def _update_changes(obj: Any) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for key in _columns(obj):
        if key in obj.__audit_ignored__:
            continue
        history = get_history(obj, key)
        if not history.has_changes():
            continue
        before = history.deleted[0] if history.deleted else None
        after = history.added[0] if history.added else None
        if before == after:
            continue
        changes[key] = [_shown(obj, key, before), _shown(obj, key, after)]
    return changes


def _delete_changes(obj: Any) -> dict[str, Any]:
    return {
        key: [_shown(obj, key, getattr(obj, key)), None]
        for key in _columns(obj)
        if getattr(obj, key) is not None and key not in obj.__audit_ignored__
    }


# Values JSON holds as they are, checked first by exact type: they are most of what is audited,
# down to every value of a JSON column's lists and mappings.
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _jsonable(value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
    if isinstance(value, dict):
        return {str(k): v if type(v) in _PLAIN else _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [v if type(v) in _PLAIN else _jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value
