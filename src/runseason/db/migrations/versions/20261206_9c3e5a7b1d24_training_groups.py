"""Training groups: an organization's named sets of athletes, an athlete in any number of them.

Revision ID: 9c3e5a7b1d24
Revises: c7e9a1b3d5f2
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from runseason.db.types import BigId

revision: str = "9c3e5a7b1d24"
down_revision: str | None = "c7e9a1b3d5f2"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "training_groups",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("organization_id", BigId, nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("created_by_id", BigId, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_groups")),
        _fk("training_groups", "organization_id", "organizations", "CASCADE"),
        _fk("training_groups", "created_by_id", "users", "SET NULL"),
        sa.UniqueConstraint(
            "organization_id", "name", name=op.f("uq_training_groups_organization_id_name")
        ),
    )
    op.create_index(
        op.f("ix_training_groups_organization_id"), "training_groups", ["organization_id"]
    )
    op.create_table(
        "group_members",
        sa.Column("organization_id", BigId, nullable=False),
        sa.Column("group_id", BigId, nullable=False),
        sa.Column("athlete_id", BigId, nullable=False),
        sa.PrimaryKeyConstraint("group_id", "athlete_id", name=op.f("pk_group_members")),
        _fk("group_members", "organization_id", "organizations", "CASCADE"),
        _fk("group_members", "group_id", "training_groups", "CASCADE"),
        _fk("group_members", "athlete_id", "athletes", "CASCADE"),
    )
    op.create_index(op.f("ix_group_members_organization_id"), "group_members", ["organization_id"])
    op.create_index(op.f("ix_group_members_athlete_id"), "group_members", ["athlete_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_group_members_athlete_id"), table_name="group_members")
    op.drop_index(op.f("ix_group_members_organization_id"), table_name="group_members")
    op.drop_table("group_members")
    op.drop_index(op.f("ix_training_groups_organization_id"), table_name="training_groups")
    op.drop_table("training_groups")
