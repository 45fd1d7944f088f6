"""Planned sessions are completed, partial or missed from the logs matched to them.

The backfill marks what the matched logs already say: a session with logs is completed at 80 % of
its planned distance (else duration) or more, partial below; a past session without a log and
without a day marked sick, travelling or injured is missed. Later changes keep the statuses
current (services/plans/compliance.py).

Revision ID: f3a1c7d90b52
Revises: f3a1c7d9e204
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision: str = "f3a1c7d90b52"
down_revision: str | None = "f3a1c7d9e204"
branch_labels = None
depends_on = None

_BEFORE = ("planned", "completed", "skipped", "cancelled")
_AFTER = ("planned", "completed", "partial", "missed", "skipped", "cancelled")

_DONE = """
UPDATE planned_sessions SET status = CASE WHEN COALESCE(
    (SELECT NULLIF(SUM(l.distance_m), 0) FROM training_logs l
     WHERE l.planned_session_id = planned_sessions.id) / NULLIF(planned_distance_m, 0),
    (SELECT NULLIF(SUM(l.duration_s), 0) FROM training_logs l
     WHERE l.planned_session_id = planned_sessions.id) / NULLIF(planned_duration_s, 0),
    1.0) >= 0.795 THEN 'completed' ELSE 'partial' END
WHERE status = 'planned'
  AND EXISTS (SELECT 1 FROM training_logs l WHERE l.planned_session_id = planned_sessions.id)
"""
_MISSED = """
UPDATE planned_sessions SET status = 'missed'
WHERE status = 'planned' AND category <> 'rest' AND scheduled_date < CURRENT_DATE
  AND NOT EXISTS (SELECT 1 FROM training_logs l WHERE l.planned_session_id = planned_sessions.id)
  AND NOT EXISTS (
    SELECT 1 FROM availability_exceptions e
    WHERE e.athlete_id = planned_sessions.athlete_id
      AND e.start_date <= planned_sessions.scheduled_date
      AND e.end_date >= planned_sessions.scheduled_date)
"""


def _statuses(values: tuple[str, ...]) -> None:
    quoted = ", ".join(f"'{v}'" for v in values)
    with op.batch_alter_table("planned_sessions") as batch:
        batch.drop_constraint(batch.f("ck_planned_sessions_status_valid"), type_="check")
        batch.create_check_constraint("status_valid", f"status IN ({quoted})")


def upgrade() -> None:
    _statuses(_AFTER)
    op.execute(_DONE)
    op.execute(_MISSED)


def downgrade() -> None:
    op.execute("UPDATE planned_sessions SET status = 'completed' WHERE status = 'partial'")
    op.execute("UPDATE planned_sessions SET status = 'planned' WHERE status = 'missed'")
    _statuses(_BEFORE)
