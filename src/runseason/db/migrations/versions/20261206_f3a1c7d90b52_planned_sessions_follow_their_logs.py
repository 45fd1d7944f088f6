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


def _check(values: tuple[str, ...]) -> str:
    return "status IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _statuses(before: tuple[str, ...], after: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        _edit_sqlite_table("planned_sessions", [(_check(before), _check(after))])
        return
    op.drop_constraint(op.f("ck_planned_sessions_status_valid"), "planned_sessions", type_="check")
    op.create_check_constraint(
        op.f("ck_planned_sessions_status_valid"), "planned_sessions", _check(after)
    )


def _edit_sqlite_table(table: str, replacements: list[tuple[str, str]]) -> None:
    """Rewrite the table's CREATE statement in place: SQLite's documented way to loosen a CHECK
    or NOT NULL the stored rows already satisfy. A batch copy of the table is never used here:
    with foreign keys on, dropping the old copy fires the ON DELETE actions of the rows that
    refer to it (their links would be cleared or deleted)."""
    bind = op.get_bind()
    query = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"
    sql = bind.exec_driver_sql(query, (table,)).scalar_one()
    for old, new in replacements:
        if old not in sql:
            raise RuntimeError(f"{table}: the schema does not read {old!r}")
        sql = sql.replace(old, new)
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    update = "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?"
    bind.exec_driver_sql(update, (sql, table))
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    _statuses(_BEFORE, _AFTER)
    op.execute(_DONE)
    op.execute(_MISSED)


def downgrade() -> None:
    op.execute("UPDATE planned_sessions SET status = 'completed' WHERE status = 'partial'")
    op.execute("UPDATE planned_sessions SET status = 'planned' WHERE status = 'missed'")
    _statuses(_AFTER, _BEFORE)
