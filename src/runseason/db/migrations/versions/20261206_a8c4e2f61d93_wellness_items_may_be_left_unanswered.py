"""The check-in's wellness items (sleep, energy, recovery, stress) may be left unanswered.

An item the athlete did not touch is no answer: it is stored as NULL and left out of readiness,
instead of a default 3 that was scored and flagged against the athlete's norm.

Revision ID: a8c4e2f61d93
Revises: ddf0f41e60f2
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "a8c4e2f61d93"
down_revision: str | None = "ddf0f41e60f2"
branch_labels = None
depends_on = None

_ITEMS = ("sleep_quality", "energy", "recovery", "stress")


def _rule(item: str, *, nullable: bool) -> str:
    rule = f"{item} >= 1 AND {item} <= 5"
    return f"{item} IS NULL OR ({rule})" if nullable else rule


def _items(*, nullable: bool) -> None:
    if op.get_bind().dialect.name == "sqlite":
        edits = []
        for item in _ITEMS:
            required, optional = f"{item} INTEGER NOT NULL,", f"{item} INTEGER,"
            strict, loose = _rule(item, nullable=False), _rule(item, nullable=True)
            edits += [(required, optional), (f"CHECK ({strict})", f"CHECK ({loose})")]
        _edit_sqlite_table("check_ins", edits if nullable else [(b, a) for a, b in edits])
        return
    for item in _ITEMS:
        op.drop_constraint(op.f(f"ck_check_ins_{item}_range"), "check_ins", type_="check")
        op.alter_column("check_ins", item, existing_type=sa.Integer(), nullable=nullable)
        op.create_check_constraint(
            op.f(f"ck_check_ins_{item}_range"), "check_ins", _rule(item, nullable=nullable)
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
    _items(nullable=True)


def downgrade() -> None:
    for item in _ITEMS:
        op.execute(f"UPDATE check_ins SET {item} = 3 WHERE {item} IS NULL")  # noqa: S608
    _items(nullable=False)
