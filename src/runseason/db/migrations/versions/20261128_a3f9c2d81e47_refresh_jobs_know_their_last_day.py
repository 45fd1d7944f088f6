"""Refresh jobs know the last changed day too.

Since the derived metrics are computed on read, a change to one day refreshes that day's stored
inputs only; a job without ``to_day`` (older jobs, plan rewrites) refreshes every day to today.

Revision ID: a3f9c2d81e47
Revises: 7d2e4b1c9a60
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "a3f9c2d81e47"
down_revision: str | None = "7d2e4b1c9a60"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("metric_refresh_jobs") as batch:
        batch.add_column(sa.Column("to_day", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("metric_refresh_jobs") as batch:
        batch.drop_column("to_day")
