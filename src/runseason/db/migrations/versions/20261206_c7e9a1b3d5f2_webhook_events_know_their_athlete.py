"""Webhook events know their athlete, so erasing an athlete erases the events about them.

Revision ID: c7e9a1b3d5f2
Revises: b7d41c9e0a25
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c7e9a1b3d5f2"
down_revision: str | None = "b7d41c9e0a25"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MESSAGES = sa.table(
    "webhook_messages", sa.column("id"), sa.column("payload", sa.JSON), sa.column("athlete_id")
)
_ATHLETES = sa.table("athletes", sa.column("id"))


def _fill_athletes() -> None:
    """Events written before this revision: the athlete named in their payload, if still there."""
    conn = op.get_bind()
    known = set(conn.scalars(sa.select(_ATHLETES.c.id)))
    for message_id, payload in conn.execute(sa.select(_MESSAGES.c.id, _MESSAGES.c.payload)):
        athlete_id = ((payload or {}).get("data") or {}).get("athlete_id")
        if athlete_id in known:
            conn.execute(
                sa.update(_MESSAGES)
                .where(_MESSAGES.c.id == message_id)
                .values(athlete_id=athlete_id)
            )


def upgrade() -> None:
    with op.batch_alter_table("webhook_messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
            )
        )
        batch_op.create_index(batch_op.f("ix_webhook_messages_athlete_id"), ["athlete_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_webhook_messages_athlete_id_athletes"),
            "athletes",
            ["athlete_id"],
            ["id"],
            ondelete="CASCADE",
        )
    _fill_athletes()


def downgrade() -> None:
    with op.batch_alter_table("webhook_messages", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_webhook_messages_athlete_id_athletes"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_webhook_messages_athlete_id"))
        batch_op.drop_column("athlete_id")
