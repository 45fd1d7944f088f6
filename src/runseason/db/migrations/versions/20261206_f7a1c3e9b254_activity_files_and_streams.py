"""Activity files kept whole and each imported session's sample streams.

An upload's original file is stored once per athlete by its SHA-256 (for export and re-reading);
a session imported from a file keeps its samples as compressed columns, its laps as recorded and
the figures computed from the samples. Nothing existing is copied: files imported before this
revision were not kept.

Revision ID: f7a1c3e9b254
Revises: e5b2c8a1d974
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "f7a1c3e9b254"
down_revision: str | None = "e5b2c8a1d974"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _tenant_and_athlete(table: str) -> list[sa.Column[int] | sa.ForeignKeyConstraint]:
    return [
        sa.Column("organization_id", _ID, nullable=False),
        sa.Column("athlete_id", _ID, nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f(f"fk_{table}_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f(f"fk_{table}_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "activity_files",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        *_tenant_and_athlete("activity_files"),
        sa.Column("training_log_id", _ID, nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_format", sa.String(length=8), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["training_log_id"],
            ["training_logs.id"],
            name=op.f("fk_activity_files_training_log_id_training_logs"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_files")),
    )
    with op.batch_alter_table("activity_files") as batch:
        batch.create_index(
            batch.f("ix_activity_files_athlete_id_sha256"), ["athlete_id", "sha256"], unique=True
        )
        batch.create_index(batch.f("ix_activity_files_organization_id"), ["organization_id"])
        batch.create_index(batch.f("ix_activity_files_training_log_id"), ["training_log_id"])
    op.create_table(
        "activity_streams",
        sa.Column("training_log_id", _ID, nullable=False),
        *_tenant_and_athlete("activity_streams"),
        sa.Column("file_id", _ID, nullable=True),
        sa.Column("point_count", sa.Integer(), nullable=False),
        sa.Column("channels", _JSON, nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("laps", _JSON, nullable=False),
        sa.Column("summary", _JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["training_log_id"],
            ["training_logs.id"],
            name=op.f("fk_activity_streams_training_log_id_training_logs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["activity_files.id"],
            name=op.f("fk_activity_streams_file_id_activity_files"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("training_log_id", name=op.f("pk_activity_streams")),
    )
    with op.batch_alter_table("activity_streams") as batch:
        batch.create_index(batch.f("ix_activity_streams_athlete_id"), ["athlete_id"])
        batch.create_index(batch.f("ix_activity_streams_file_id"), ["file_id"])
        batch.create_index(batch.f("ix_activity_streams_organization_id"), ["organization_id"])
    if op.get_bind().dialect.name == "postgresql":
        # The packed streams are compressed already: out of line, not compressed again.
        op.execute("ALTER TABLE activity_streams ALTER COLUMN data SET STORAGE EXTERNAL")


def downgrade() -> None:
    op.drop_table("activity_streams")
    op.drop_table("activity_files")
