"""metric refresh jobs for the refresh worker

Revision ID: 5c1f0a7e2b3d
Revises: 98b7cdc13ec1
Create Date: 2026-11-28 10:18:10.413408
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5c1f0a7e2b3d"
down_revision: str | None = "98b7cdc13ec1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "metric_refresh_jobs",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("from_day", sa.Date(), nullable=False),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_metric_refresh_jobs_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_metric_refresh_jobs_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("athlete_id", name=op.f("pk_metric_refresh_jobs")),
    )
    with op.batch_alter_table("metric_refresh_jobs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_metric_refresh_jobs_not_before"), ["not_before"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_metric_refresh_jobs_organization_id"), ["organization_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("metric_refresh_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_metric_refresh_jobs_organization_id"))
        batch_op.drop_index(batch_op.f("ix_metric_refresh_jobs_not_before"))

    op.drop_table("metric_refresh_jobs")
