"""Coach-grade advice: two more recommendation types, the athlete's answer, a cleared cause.

Recommendations may now drop the intensity or ask the athlete to talk to the coach first; in
assisted mode the athlete accepts or declines a suggestion, and the coach reads the answer. An
intervention whose athlete has been stable long enough records when its cause cleared, so it
resolves itself a set time later.

Revision ID: e5b2c8a1d974
Revises: e5b2c8a41d7f
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "e5b2c8a1d974"
down_revision: str | None = "e5b2c8a41d7f"
branch_labels = None
depends_on = None

OLD_TYPES = (
    "progress",
    "reduce_load",
    "rest_day",
    "swap_session",
    "check_in",
    "medical_referral",
    "return_to_run",
)
NEW_TYPES = (*OLD_TYPES, "drop_intensity", "talk_to_coach")


def _types_check(types: tuple[str, ...]) -> str:
    return "type IN ({})".format(", ".join(f"'{t}'" for t in types))


def upgrade() -> None:
    with op.batch_alter_table("recommendations") as batch:
        batch.drop_constraint(op.f("ck_recommendations_type_valid"), type_="check")
        batch.create_check_constraint("type_valid", _types_check(NEW_TYPES))
        batch.add_column(sa.Column("athlete_answer", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("athlete_answered_at", sa.DateTime(timezone=True)))
        batch.create_check_constraint(
            "athlete_answer_valid", "athlete_answer IN ('accepted', 'declined')"
        )
    with op.batch_alter_table("interventions") as batch:
        batch.add_column(sa.Column("cleared_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("interventions") as batch:
        batch.drop_column("cleared_at")
    op.execute("UPDATE recommendations SET type = 'reduce_load' WHERE type = 'drop_intensity'")
    op.execute("UPDATE recommendations SET type = 'check_in' WHERE type = 'talk_to_coach'")
    with op.batch_alter_table("recommendations") as batch:
        batch.drop_constraint(op.f("ck_recommendations_athlete_answer_valid"), type_="check")
        batch.drop_column("athlete_answered_at")
        batch.drop_column("athlete_answer")
        batch.drop_constraint(op.f("ck_recommendations_type_valid"), type_="check")
        batch.create_check_constraint("type_valid", _types_check(OLD_TYPES))
