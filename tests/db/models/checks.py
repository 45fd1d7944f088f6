"""Rows the database must refuse: each model test changes or adds one and expects the refusal.

``match`` names the constraint as both databases report it (SQLite and PostgreSQL word their
errors differently, but both name a CHECK, and a unique column, in their message).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session


def _write_in_savepoint(db: Session, row: Any, values: dict[str, Any]) -> None:
    with db.begin_nested():  # flushes what came before, then the savepoint holds this change
        for name, value in values.items():
            setattr(row, name, value)
        db.add(row)
        db.flush()


def refused(db: Session, row: Any, match: str, **bad: Any) -> None:
    """The database refuses ``row`` (added if new) with ``bad`` set, naming ``match``; the row is
    then as it was stored (or gone, if new)."""
    with pytest.raises(IntegrityError, match=match):
        _write_in_savepoint(db, row, bad)
    state = inspect(row)
    if state.persistent and state.has_identity:
        db.expire(row)
    elif row in db:
        db.expunge(row)


def accepted(db: Session, row: Any, **good: Any) -> None:
    """The database takes ``row`` (added if new) with ``good`` set."""
    for name, value in good.items():
        setattr(row, name, value)
    db.add(row)
    db.flush()
