"""Races and time trials indexed by athlete and day (a partial index): personal bests, trends
and the portfolio find them without reading every training log.

Revision ID: b7d41c9e0a25
Revises: b4d6e8f0a2c1
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "b7d41c9e0a25"
down_revision: str | None = "b4d6e8f0a2c1"
branch_labels = None
depends_on = None

TIMED = sa.text("kind IN ('race', 'time_trial')")


def upgrade() -> None:
    op.create_index(
        "ix_training_logs_timed",
        "training_logs",
        ["athlete_id", "local_date"],
        sqlite_where=TIMED,
        postgresql_where=TIMED,
    )


def downgrade() -> None:
    op.drop_index("ix_training_logs_timed", table_name="training_logs")
