"""Athletes' secret calendar feeds (the token stored hashed).

Revision ID: f3a1c7d9e204
Revises: 7bd90dbea956
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from runseason.db.types import BigId

revision: str = "f3a1c7d9e204"
down_revision: str | None = "7bd90dbea956"
branch_labels = None
depends_on = None


def _fk(column: str, table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{table}.id"],
        name=op.f(f"fk_calendar_feeds_{column}_{table}"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "calendar_feeds",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("organization_id", BigId, nullable=False),
        sa.Column("athlete_id", BigId, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", BigId, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feeds")),
        _fk("organization_id", "organizations", "CASCADE"),
        _fk("athlete_id", "athletes", "CASCADE"),
        _fk("created_by_id", "users", "SET NULL"),
        sa.UniqueConstraint("athlete_id", name=op.f("uq_calendar_feeds_athlete_id")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendar_feeds_token_hash")),
    )
    op.create_index(
        op.f("ix_calendar_feeds_organization_id"), "calendar_feeds", ["organization_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_calendar_feeds_organization_id"), table_name="calendar_feeds")
    op.drop_table("calendar_feeds")
