"""Check-ins say whether pain changes the gait, whether there is fever, and today's temperature,
dew point and altitude; athletes have a home altitude.

The briefing sends pain that changes the gait to a clinician and illness with fever to the coach,
and slows the day's paces for heat and altitude.

On SQLite the columns are added and dropped in place (``ALTER TABLE ... ADD COLUMN`` with its
CHECK), never by a batch copy of the table: with foreign keys on, dropping the old copy of
``athletes`` or ``check_ins`` would cascade into every row that refers to them.

Revision ID: d5b2f8a41c70
Revises: e1f2a3b4c5d6
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "d5b2f8a41c70"
down_revision: str | None = "e1f2a3b4c5d6"
branch_labels = None
depends_on = None

_DEW_POINT_ORDER = "dew_point_c IS NULL OR temperature_c IS NULL OR dew_point_c <= temperature_c"
# (table, column, type, CHECKs as (name, rule)); dropped in reverse, so dew_point_c (whose
# CHECK names temperature_c) goes before temperature_c.
_COLUMNS: tuple[tuple[str, str, str, tuple[tuple[str, str], ...]], ...] = (
    ("check_ins", "pain_alters_gait", "BOOLEAN", ()),
    ("check_ins", "fever", "BOOLEAN", ()),
    ("check_ins", "temperature_c", "DOUBLE", (("temperature_c_range", "-40:55"),)),
    (
        "check_ins",
        "dew_point_c",
        "DOUBLE",
        (("dew_point_c_range", "-60:40"), ("dew_point_order", _DEW_POINT_ORDER)),
    ),
    ("check_ins", "altitude_m", "DOUBLE", (("altitude_m_range", "-500:6000"),)),
    ("athletes", "home_altitude_m", "DOUBLE", (("home_altitude_m_range", "-500:6000"),)),
)


def _rule(column: str, rule: str) -> str:
    """A range written "low:high" as the CHECK that ``db.base.between`` builds, else as given."""
    if ":" not in rule:
        return rule
    low, high = rule.split(":")
    return f"{column} IS NULL OR ({column} >= {low} AND {column} <= {high})"


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column, kind, checks in _COLUMNS:
        if sqlite:
            constraints = " ".join(
                f"CONSTRAINT ck_{table}_{name} CHECK ({_rule(column, rule)})"
                for name, rule in checks
            )
            op.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind} {constraints}".rstrip())
            continue
        sa_type = sa.Boolean() if kind == "BOOLEAN" else sa.Double()
        op.add_column(table, sa.Column(column, sa_type, nullable=True))
        for name, rule in checks:
            op.create_check_constraint(op.f(f"ck_{table}_{name}"), table, _rule(column, rule))


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column, _kind, checks in reversed(_COLUMNS):
        if not sqlite:
            for name, _rule_text in checks:
                op.drop_constraint(op.f(f"ck_{table}_{name}"), table, type_="check")
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
