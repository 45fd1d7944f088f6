"""Import uploads carry a CSV column mapping.

A CSV that is neither Strava's nor Garmin's is imported by the mapping chosen at upload.

Revision ID: 4ee444024dc3
Revises: a8c4e2f61d93
Create Date: 2026-12-06 05:47:55.655919
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "4ee444024dc3"
down_revision: str | None = "a8c4e2f61d93"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("import_uploads", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "csv_mapping",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("import_uploads", schema=None) as batch_op:
        batch_op.drop_column("csv_mapping")
