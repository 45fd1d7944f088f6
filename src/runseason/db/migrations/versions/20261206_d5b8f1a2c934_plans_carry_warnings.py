"""Plans carry the warnings the plan builder gave the coach.

A week the available days cannot hold is lowered, and a marathon plan whose longest run stays
short says so; those sentences are stored with the plan so the API and the plan builder show them.

Revision ID: d5b8f1a2c934
Revises: d5b2f8a41c70
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "d5b8f1a2c934"
down_revision: str | None = "d5b2f8a41c70"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("training_plans") as batch:
        batch.add_column(
            sa.Column(
                "warnings",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                nullable=False,
                server_default=sa.text("'[]'"),
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("training_plans") as batch:
        batch.drop_column("warnings")
