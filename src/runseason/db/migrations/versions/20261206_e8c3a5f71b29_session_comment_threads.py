"""Comment threads on sessions: the athlete and their coaches talk about one planned or logged
session.

Revision ID: e8c3a5f71b29
Revises: 9c3e5a7b1d24
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from runseason.db.types import BigId

revision: str = "e8c3a5f71b29"
down_revision: str | None = "9c3e5a7b1d24"
branch_labels = None
depends_on = None

_TABLE = "session_comments"
_INDEXES = {
    "organization_id": ["organization_id"],
    "planned_session_id_created_at": ["planned_session_id", "created_at"],
    "training_log_id_created_at": ["training_log_id", "created_at"],
    "athlete_id_created_at": ["athlete_id", "created_at"],
}


def _fk(column: str, table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{table}.id"], name=op.f(f"fk_{_TABLE}_{column}_{table}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        _TABLE,
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("organization_id", BigId, nullable=False),
        sa.Column("athlete_id", BigId, nullable=False),
        sa.Column("planned_session_id", BigId, nullable=True),
        sa.Column("training_log_id", BigId, nullable=True),
        sa.Column("author_id", BigId, nullable=True),
        sa.Column("body", sa.String(2000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(planned_session_id IS NULL) <> (training_log_id IS NULL)",
            name=op.f(f"ck_{_TABLE}_one_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{_TABLE}")),
        _fk("organization_id", "organizations", "CASCADE"),
        _fk("athlete_id", "athletes", "CASCADE"),
        _fk("planned_session_id", "planned_sessions", "CASCADE"),
        _fk("training_log_id", "training_logs", "CASCADE"),
        _fk("author_id", "users", "SET NULL"),
    )
    for name, columns in _INDEXES.items():
        op.create_index(op.f(f"ix_{_TABLE}_{name}"), _TABLE, columns)


def downgrade() -> None:
    for name in _INDEXES:
        op.drop_index(op.f(f"ix_{_TABLE}_{name}"), table_name=_TABLE)
    op.drop_table(_TABLE)
