"""Refresh jobs carry a stamp that every change renews.

On SQLite the refresh worker works a batch out in a read transaction and writes it in a short
writing one; before writing it compares each job's stamp with the one it read, so a change that
came in between is never overwritten by a refresh that did not see it.

Revision ID: c4a7e9d2f613
Revises: b8e1d4c7f250
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "c4a7e9d2f613"
down_revision: str | None = "b8e1d4c7f250"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("metric_refresh_jobs") as batch:
        batch.add_column(sa.Column("stamp", sa.BigInteger(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("metric_refresh_jobs") as batch:
        batch.drop_column("stamp")
