"""Alembic environment: runs against the connection handed in by ``runseason.db.migrate``."""

from __future__ import annotations

from typing import Any, Literal

import sqlalchemy as sa
from alembic import context

import runseason.db.models  # noqa: F401 (registers every table on the metadata)
from runseason.db.base import Base
from runseason.db.types import UTCDateTime

target_metadata = Base.metadata


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Render our TypeDecorators as the plain types they store, so migrations import nothing of ours."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations(connection: sa.Connection) -> None:
    """Configure the context on ``connection`` and run the migrations."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    from runseason.db.session import get_engine

    with get_engine().connect() as conn:
        run_migrations(conn)
        conn.commit()
