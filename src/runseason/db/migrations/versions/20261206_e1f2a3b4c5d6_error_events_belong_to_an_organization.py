"""Error events belong to the organization whose request broke.

Revision ID: e1f2a3b4c5d6
Revises: c4a7e9d2f613
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "e1f2a3b4c5d6"
down_revision: str | None = "c4a7e9d2f613"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("error_events") as batch:
        batch.add_column(
            sa.Column(
                "organization_id",
                sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                nullable=True,
            )
        )
        batch.create_index(
            batch.f("ix_error_events_organization_id_occurred_at"),
            ["organization_id", "occurred_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("error_events") as batch:
        batch.drop_index(batch.f("ix_error_events_organization_id_occurred_at"))
        batch.drop_column("organization_id")
