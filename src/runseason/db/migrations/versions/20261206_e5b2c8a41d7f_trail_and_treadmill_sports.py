"""Trail and treadmill runs are sports of their own.

A trail run is scored by heart rate or RPE (its pace understates the effort on hills), a treadmill
run like a run; both count as running for the longest-run spike.

Revision ID: e5b2c8a41d7f
Revises: d5b8f1a2c934
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision: str = "e5b2c8a41d7f"
down_revision: str | None = "d5b8f1a2c934"
branch_labels = None
depends_on = None

_BEFORE = ("run", "bike", "swim", "walk", "hike", "cross", "strength", "other")
_AFTER = ("run", "trail", "treadmill", "bike", "swim", "strength", "cross", "walk", "hike", "other")


def _sports(values: tuple[str, ...]) -> None:
    quoted = ", ".join(f"'{v}'" for v in values)
    with op.batch_alter_table("training_logs") as batch:
        batch.drop_constraint(batch.f("ck_training_logs_sport_valid"), type_="check")
        batch.create_check_constraint("sport_valid", f"sport IN ({quoted})")


def upgrade() -> None:
    _sports(_AFTER)


def downgrade() -> None:
    op.execute("UPDATE training_logs SET sport = 'run' WHERE sport IN ('trail', 'treadmill')")
    _sports(_BEFORE)
