"""Derived daily metrics computed on read; daily_metrics keeps the inputs and the longest run.

A back-dated edit used to rewrite every stored day after it (fitness and fatigue carry the edit
forward), hundreds of rows per edit. The derived columns go; ``longest_run_m`` (the spike
reference) is stored per day instead of read from the logs.

Revision ID: 7d2e4b1c9a60
Revises: 5c1f0a7e2b3d
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "7d2e4b1c9a60"
down_revision: str | None = "5c1f0a7e2b3d"
branch_labels = None
depends_on = None

_DERIVED_FLOAT = (
    "ctl",
    "atl",
    "form",
    "ramp",
    "acute_ewma",
    "chronic_ewma",
    "acwr_ewma",
    "acwr_coupled",
    "acwr_uncoupled",
    "monotony",
    "strain",
    "longest_run_m_30d",
    "spike_ratio",
)
_NOT_NULL = ("ctl", "atl", "form")


def upgrade() -> None:
    with op.batch_alter_table("daily_metrics", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("longest_run_m", sa.Double(), nullable=False, server_default="0")
        )
    op.execute(
        "UPDATE daily_metrics SET longest_run_m = COALESCE(("
        "SELECT MAX(training_logs.distance_m) FROM training_logs "
        "WHERE training_logs.athlete_id = daily_metrics.athlete_id "
        "AND training_logs.local_date = daily_metrics.day "
        "AND training_logs.sport = 'run'), 0)"
    )
    with op.batch_alter_table("daily_metrics", schema=None) as batch_op:
        batch_op.alter_column("longest_run_m", server_default=None)
        for name in (*_DERIVED_FLOAT, "spike_flag", "days_of_data"):
            batch_op.drop_column(name)


def downgrade() -> None:
    # The derived values are not restored: a refresh of each athlete recomputes them.
    with op.batch_alter_table("daily_metrics", schema=None) as batch_op:
        for name in _DERIVED_FLOAT:
            batch_op.add_column(
                sa.Column(
                    name,
                    sa.Double(),
                    nullable=name not in _NOT_NULL,
                    server_default="0" if name in _NOT_NULL else None,
                )
            )
        batch_op.add_column(
            sa.Column("spike_flag", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("days_of_data", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.drop_column("longest_run_m")
