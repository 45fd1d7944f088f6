"""Each athlete's daily loads and longest runs as one row of two arrays.

The refresh reads the whole history of loads for every athlete it refreshes; one row per athlete
replaces reading every day row. Existing athletes get theirs from their day rows at their next
refresh, so nothing is copied here.

Revision ID: b8e1d4c7f250
Revises: a3f9c2d81e47
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "b8e1d4c7f250"
down_revision: str | None = "a3f9c2d81e47"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "load_series",
        sa.Column("athlete_id", _ID, nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("loads", sa.LargeBinary(), nullable=False),
        sa.Column("runs", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("organization_id", _ID, nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_load_series_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_load_series_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("athlete_id", name=op.f("pk_load_series")),
    )
    with op.batch_alter_table("load_series") as batch:
        batch.create_index(
            batch.f("ix_load_series_organization_id"), ["organization_id"], unique=False
        )
    if op.get_bind().dialect.name == "postgresql":
        # Out of line and uncompressed: a series with many rest days compresses, and compressing
        # two arrays on every rewrite cost four times the write itself.
        op.execute(
            "ALTER TABLE load_series ALTER COLUMN loads SET STORAGE EXTERNAL, "
            "ALTER COLUMN runs SET STORAGE EXTERNAL"
        )


def downgrade() -> None:
    with op.batch_alter_table("load_series") as batch:
        batch.drop_index(batch.f("ix_load_series_organization_id"))
    op.drop_table("load_series")
