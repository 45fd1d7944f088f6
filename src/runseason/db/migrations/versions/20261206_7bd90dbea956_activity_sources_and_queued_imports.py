"""Activity sources and queued imports.

A logged session lists every file or CSV row it came from (the same run from a watch and from
Strava is one session with two sources); an archive waits in import_uploads for the worker, and
its import run counts what was done, merged and refused. Sessions imported before keep their file
as their first source.

Revision ID: 7bd90dbea956
Revises: f7a1c3e9b254
Create Date: 2026-12-06 05:32:11.493987
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7bd90dbea956"
down_revision: str | None = "f7a1c3e9b254"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_uploads",
        sa.Column(
            "import_run_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["import_run_id"],
            ["import_runs.id"],
            name=op.f("fk_import_uploads_import_run_id_import_runs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_import_uploads_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("import_run_id", name=op.f("pk_import_uploads")),
    )
    op.create_table(
        "activity_sources",
        sa.Column(
            "training_log_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_s", sa.Double(), nullable=False),
        sa.Column("distance_m", sa.Double(), nullable=True),
        sa.Column(
            "import_run_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_activity_sources_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_run_id"],
            ["import_runs.id"],
            name=op.f("fk_activity_sources_import_run_id_import_runs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_activity_sources_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["training_log_id"],
            ["training_logs.id"],
            name=op.f("fk_activity_sources_training_log_id_training_logs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_sources")),
    )
    with op.batch_alter_table("import_uploads", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_uploads_organization_id"), ["organization_id"], unique=False
        )
    with op.batch_alter_table("activity_sources", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_sources_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_activity_sources_training_log_id"), ["training_log_id"], unique=False
        )
        batch_op.create_index(
            "uq_activity_sources_athlete_content", ["athlete_id", "content_sha256"], unique=True
        )

    with op.batch_alter_table("import_runs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("rows_done", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("rows_duplicate", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("rows_refused", sa.Integer(), server_default="0", nullable=False)
        )
    op.execute(
        "INSERT INTO activity_sources (training_log_id, athlete_id, source, filename, "
        "content_sha256, started_at, duration_s, distance_m, import_run_id, created_at, "
        "organization_id) SELECT l.id, l.athlete_id, l.source, r.filename, r.file_sha256, "
        "l.started_at, l.duration_s, l.distance_m, r.id, r.created_at, l.organization_id "
        "FROM training_logs l JOIN import_runs r ON r.id = l.import_run_id"
    )


def downgrade() -> None:
    with op.batch_alter_table("import_runs", schema=None) as batch_op:
        batch_op.drop_column("rows_refused")
        batch_op.drop_column("rows_duplicate")
        batch_op.drop_column("rows_done")

    with op.batch_alter_table("activity_sources", schema=None) as batch_op:
        batch_op.drop_index("uq_activity_sources_athlete_content")
        batch_op.drop_index(batch_op.f("ix_activity_sources_training_log_id"))
        batch_op.drop_index(batch_op.f("ix_activity_sources_organization_id"))

    op.drop_table("activity_sources")
    op.drop_table("import_uploads")
