"""Email preferences per person, and one row per email sent (claimed before sending).

notification_sends is unique per person, kind and local day: the scheduler inserts the row
before sending, so two workers never send the same digest or reminder twice.

Revision ID: ddf0f41e60f2
Revises: f3a1c7d90b52
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "ddf0f41e60f2"
down_revision: str | None = "f3a1c7d90b52"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notification_preferences",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("digest_enabled", sa.Boolean(), nullable=False),
        sa.Column("reminder_enabled", sa.Boolean(), nullable=False),
        sa.Column("reminder_at", sa.Time(), nullable=False),
        sa.Column(
            "quiet_days",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_notification_preferences_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_notification_preferences_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_notification_preferences")),
    )
    with op.batch_alter_table("notification_preferences", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notification_preferences_organization_id"),
            ["organization_id"],
            unique=False,
        )

    op.create_table(
        "notification_sends",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.CheckConstraint(
            "kind IN ('digest', 'reminder')", name=op.f("ck_notification_sends_kind_valid")
        ),
        sa.CheckConstraint(
            "status IN ('sending', 'sent', 'failed')",
            name=op.f("ck_notification_sends_status_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_notification_sends_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_notification_sends_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_sends")),
        sa.UniqueConstraint(
            "user_id",
            "kind",
            "local_date",
            name=op.f("uq_notification_sends_user_id_kind_local_date"),
        ),
    )
    with op.batch_alter_table("notification_sends", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notification_sends_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notification_sends_organization_id_claimed_at"),
            ["organization_id", "claimed_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("notification_sends", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_sends_organization_id_claimed_at"))
        batch_op.drop_index(batch_op.f("ix_notification_sends_organization_id"))

    op.drop_table("notification_sends")
    with op.batch_alter_table("notification_preferences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_preferences_organization_id"))

    op.drop_table("notification_preferences")
