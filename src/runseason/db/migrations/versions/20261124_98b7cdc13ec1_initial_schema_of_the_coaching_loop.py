"""initial schema of the coaching loop

Revision ID: 98b7cdc13ec1
Revises:
Create Date: 2026-11-24 14:14:44.809327
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "98b7cdc13ec1"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "audit_log",
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "actor_user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("request_id", sa.String(length=40), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column(
            "changes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.CheckConstraint(
            "action IN ('insert', 'update', 'delete')", name=op.f("ck_audit_log_action_valid")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_audit_log_entity_entity_id"), ["entity", "entity_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_audit_log_organization_id_occurred_at"),
            ["organization_id", "occurred_at"],
            unique=False,
        )

    op.create_table(
        "error_events",
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("logger", sa.String(length=120), nullable=False),
        sa.Column("message", sa.String(length=2000), nullable=False),
        sa.Column("exc_type", sa.String(length=120), nullable=True),
        sa.Column("traceback", sa.String(), nullable=True),
        sa.Column("request_id", sa.String(length=40), nullable=True),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_error_events")),
    )
    with op.batch_alter_table("error_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_error_events_occurred_at"), ["occurred_at"], unique=False
        )

    op.create_table(
        "organizations",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
        sa.UniqueConstraint("slug", name=op.f("uq_organizations_slug")),
    )
    op.create_table(
        "users",
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("temporary_password_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("failed_login_count", sa.Integer(), nullable=False),
        sa.Column("last_failed_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("tokens_not_before", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("unit_preference", sa.String(length=2), nullable=False),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('admin', 'coach', 'athlete')", name=op.f("ck_users_role_valid")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_users_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_users_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "api_keys",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.CheckConstraint("scope IN ('read', 'read_write')", name=op.f("ck_api_keys_scope_valid")),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_api_keys_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_keys_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
    )
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_api_keys_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_api_keys_prefix"), ["prefix"], unique=False)
        batch_op.create_index(batch_op.f("ix_api_keys_user_id"), ["user_id"], unique=False)

    op.create_table(
        "athletes",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("unit_preference", sa.String(length=2), nullable=False),
        sa.Column("sex", sa.String(length=12), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("hr_max", sa.Integer(), nullable=True),
        sa.Column("hr_rest", sa.Integer(), nullable=True),
        sa.Column("lthr", sa.Integer(), nullable=True),
        sa.Column("threshold_pace_s_per_km", sa.Double(), nullable=True),
        sa.Column("vdot", sa.Double(), nullable=True),
        sa.Column("vdot_source", sa.String(length=200), nullable=True),
        sa.Column("current_weekly_distance_m", sa.Double(), nullable=True),
        sa.Column(
            "available_weekdays",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("preferred_long_run_day", sa.Integer(), nullable=True),
        sa.Column(
            "zone_overrides",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "level IN ('beginner', 'intermediate', 'advanced', 'elite')",
            name=op.f("ck_athletes_level_valid"),
        ),
        sa.CheckConstraint(
            "sex IN ('female', 'male', 'unspecified')", name=op.f("ck_athletes_sex_valid")
        ),
        sa.CheckConstraint(
            "unit_preference IN ('km', 'mi')", name=op.f("ck_athletes_unit_preference_valid")
        ),
        sa.CheckConstraint(
            "birth_year IS NULL OR (birth_year >= 1900 AND birth_year <= 2100)",
            name=op.f("ck_athletes_birth_year_range"),
        ),
        sa.CheckConstraint(
            "current_weekly_distance_m IS NULL OR (current_weekly_distance_m >= 0 AND current_weekly_distance_m <= 400000)",
            name=op.f("ck_athletes_current_weekly_distance_m_range"),
        ),
        sa.CheckConstraint(
            "hr_max IS NULL OR (hr_max >= 25 AND hr_max <= 250)",
            name=op.f("ck_athletes_hr_max_range"),
        ),
        sa.CheckConstraint(
            "hr_rest IS NULL OR (hr_rest >= 25 AND hr_rest <= 250)",
            name=op.f("ck_athletes_hr_rest_range"),
        ),
        sa.CheckConstraint(
            "hr_rest IS NULL OR hr_max IS NULL OR hr_rest < hr_max",
            name=op.f("ck_athletes_hr_order"),
        ),
        sa.CheckConstraint(
            "lthr IS NULL OR (lthr >= 25 AND lthr <= 250)", name=op.f("ck_athletes_lthr_range")
        ),
        sa.CheckConstraint(
            "preferred_long_run_day IS NULL OR (preferred_long_run_day >= 0 AND preferred_long_run_day <= 6)",
            name=op.f("ck_athletes_preferred_long_run_day_range"),
        ),
        sa.CheckConstraint(
            "threshold_pace_s_per_km IS NULL OR (threshold_pace_s_per_km >= 120 AND threshold_pace_s_per_km <= 900)",
            name=op.f("ck_athletes_threshold_pace_s_per_km_range"),
        ),
        sa.CheckConstraint(
            "vdot IS NULL OR (vdot >= 20 AND vdot <= 90)", name=op.f("ck_athletes_vdot_range")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_athletes_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_athletes_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_athletes")),
        sa.UniqueConstraint("user_id", name=op.f("uq_athletes_user_id")),
    )
    with op.batch_alter_table("athletes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_athletes_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "idempotency_records",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response_body", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_idempotency_records_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_records")),
    )
    with op.batch_alter_table("idempotency_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_idempotency_records_user_id_key"), ["user_id", "key"], unique=True
        )

    op.create_table(
        "refresh_tokens",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("family_id", sa.String(length=32), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("family_expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_refresh_tokens_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refresh_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_refresh_tokens_token_hash")),
    )
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_refresh_tokens_family_id"), ["family_id"], unique=False
        )

    op.create_table(
        "session_templates",
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("purpose", sa.String(length=500), nullable=False),
        sa.Column(
            "phases",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("is_hard", sa.Boolean(), nullable=False),
        sa.Column("rpe_target", sa.Double(), nullable=False),
        sa.Column("scalable", sa.Boolean(), nullable=False),
        sa.Column(
            "structure",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("estimated_duration_s", sa.Double(), nullable=False),
        sa.Column("estimated_distance_m", sa.Double(), nullable=True),
        sa.Column("estimated_load", sa.Double(), nullable=False),
        sa.Column("is_builtin", sa.Boolean(), nullable=False),
        sa.Column("is_archived", sa.Boolean(), nullable=False),
        sa.Column(
            "cloned_from_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "created_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("library_version", sa.String(length=40), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "estimated_duration_s IS NULL OR estimated_duration_s >= 0",
            name=op.f("ck_session_templates_estimated_duration_s_non_negative"),
        ),
        sa.CheckConstraint(
            "estimated_load IS NULL OR estimated_load >= 0",
            name=op.f("ck_session_templates_estimated_load_non_negative"),
        ),
        sa.CheckConstraint(
            "rpe_target IS NULL OR (rpe_target >= 0 AND rpe_target <= 10)",
            name=op.f("ck_session_templates_rpe_target_range"),
        ),
        sa.ForeignKeyConstraint(
            ["cloned_from_id"],
            ["session_templates.id"],
            name=op.f("fk_session_templates_cloned_from_id_session_templates"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_session_templates_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_session_templates_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_templates")),
        sa.UniqueConstraint(
            "organization_id", "code", name=op.f("uq_session_templates_organization_id_code")
        ),
    )
    with op.batch_alter_table("session_templates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_templates_category"), ["category"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_session_templates_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "setting_overrides",
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column(
            "subject_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "values",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "updated_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.CheckConstraint(
            "scope IN ('organization', 'coach', 'athlete')",
            name=op.f("ck_setting_overrides_scope_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_setting_overrides_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["users.id"],
            name=op.f("fk_setting_overrides_updated_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_setting_overrides")),
        sa.UniqueConstraint(
            "organization_id",
            "scope",
            "subject_id",
            name=op.f("uq_setting_overrides_organization_id_scope_subject_id"),
        ),
    )
    with op.batch_alter_table("setting_overrides", schema=None) as batch_op:
        batch_op.create_index(
            "uq_setting_overrides_organization_scope",
            ["organization_id", "scope"],
            unique=True,
            sqlite_where=sa.text("subject_id IS NULL"),
            postgresql_where=sa.text("subject_id IS NULL"),
        )

    op.create_table(
        "user_sessions",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_reason", sa.String(length=40), nullable=True),
        sa.Column("user_agent", sa.String(length=300), nullable=True),
        sa.Column("ip_address", sa.String(length=64), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_user_sessions_token_hash")),
    )
    with op.batch_alter_table("user_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_user_sessions_user_id_revoked_at"),
            ["user_id", "revoked_at"],
            unique=False,
        )

    op.create_table(
        "athlete_snapshots",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("readiness_score", sa.Double(), nullable=True),
        sa.Column("readiness_band", sa.String(length=8), nullable=True),
        sa.Column(
            "readiness_trend",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("form", sa.Double(), nullable=True),
        sa.Column("ctl", sa.Double(), nullable=True),
        sa.Column("acwr", sa.Double(), nullable=True),
        sa.Column("adherence_7d", sa.Double(), nullable=True),
        sa.Column("risk", sa.Double(), nullable=False),
        sa.Column("risk_bucket", sa.String(length=10), nullable=False),
        sa.Column("confidence", sa.Double(), nullable=True),
        sa.Column(
            "top_factors",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("open_interventions", sa.Integer(), nullable=False),
        sa.Column("last_checkin_date", sa.Date(), nullable=True),
        sa.Column("last_log_date", sa.Date(), nullable=True),
        sa.Column("last_contact_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_race_date", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_athlete_snapshots_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_athlete_snapshots_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("athlete_id", name=op.f("pk_athlete_snapshots")),
    )
    with op.batch_alter_table("athlete_snapshots", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_athlete_snapshots_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_athlete_snapshots_organization_id_risk"),
            ["organization_id", "risk"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_athlete_snapshots_organization_id_risk_bucket"),
            ["organization_id", "risk_bucket"],
            unique=False,
        )

    op.create_table(
        "availability_exceptions",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('sick', 'injured', 'travelling', 'unavailable')",
            name=op.f("ck_availability_exceptions_kind_valid"),
        ),
        sa.CheckConstraint(
            "end_date >= start_date", name=op.f("ck_availability_exceptions_date_order")
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_availability_exceptions_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_availability_exceptions_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_availability_exceptions")),
    )
    with op.batch_alter_table("availability_exceptions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_availability_exceptions_athlete_id_start_date"),
            ["athlete_id", "start_date"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_availability_exceptions_organization_id"),
            ["organization_id"],
            unique=False,
        )

    op.create_table(
        "check_ins",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("sleep_quality", sa.Integer(), nullable=False),
        sa.Column("energy", sa.Integer(), nullable=False),
        sa.Column("recovery", sa.Integer(), nullable=False),
        sa.Column("stress", sa.Integer(), nullable=False),
        sa.Column("mood", sa.Integer(), nullable=True),
        sa.Column("sleep_hours", sa.Double(), nullable=True),
        sa.Column("resting_hr", sa.Integer(), nullable=True),
        sa.Column("hrv_rmssd", sa.Double(), nullable=True),
        sa.Column("illness", sa.Boolean(), nullable=False),
        sa.Column("pain_severity", sa.Integer(), nullable=True),
        sa.Column("pain_location", sa.String(length=100), nullable=True),
        sa.Column("note", sa.String(length=2000), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("energy >= 1 AND energy <= 5", name=op.f("ck_check_ins_energy_range")),
        sa.CheckConstraint(
            "hrv_rmssd IS NULL OR (hrv_rmssd >= 1 AND hrv_rmssd <= 500)",
            name=op.f("ck_check_ins_hrv_rmssd_range"),
        ),
        sa.CheckConstraint(
            "mood IS NULL OR (mood >= 1 AND mood <= 5)", name=op.f("ck_check_ins_mood_range")
        ),
        sa.CheckConstraint(
            "pain_severity IS NULL OR (pain_severity >= 0 AND pain_severity <= 10)",
            name=op.f("ck_check_ins_pain_severity_range"),
        ),
        sa.CheckConstraint(
            "recovery >= 1 AND recovery <= 5", name=op.f("ck_check_ins_recovery_range")
        ),
        sa.CheckConstraint(
            "resting_hr IS NULL OR (resting_hr >= 25 AND resting_hr <= 250)",
            name=op.f("ck_check_ins_resting_hr_range"),
        ),
        sa.CheckConstraint(
            "sleep_hours IS NULL OR (sleep_hours >= 0 AND sleep_hours <= 24)",
            name=op.f("ck_check_ins_sleep_hours_range"),
        ),
        sa.CheckConstraint(
            "sleep_quality >= 1 AND sleep_quality <= 5",
            name=op.f("ck_check_ins_sleep_quality_range"),
        ),
        sa.CheckConstraint("stress >= 1 AND stress <= 5", name=op.f("ck_check_ins_stress_range")),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_check_ins_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_check_ins_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_ins")),
        sa.UniqueConstraint(
            "athlete_id", "local_date", name=op.f("uq_check_ins_athlete_id_local_date")
        ),
    )
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_check_ins_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "coach_assignments",
        sa.Column("coach_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
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
            "role IN ('head', 'assistant')", name=op.f("ck_coach_assignments_role_valid")
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_coach_assignments_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["coach_id"],
            ["users.id"],
            name=op.f("fk_coach_assignments_coach_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_coach_assignments_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coach_assignments")),
    )
    with op.batch_alter_table("coach_assignments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coach_assignments_athlete_id_ended_at"),
            ["athlete_id", "ended_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_coach_assignments_coach_id_ended_at"),
            ["coach_id", "ended_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_coach_assignments_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            "uq_coach_assignments_active",
            ["coach_id", "athlete_id"],
            unique=True,
            sqlite_where=sa.text("ended_at IS NULL"),
            postgresql_where=sa.text("ended_at IS NULL"),
        )

    op.create_table(
        "daily_metrics",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("load", sa.Double(), nullable=False),
        sa.Column("duration_s", sa.Double(), nullable=False),
        sa.Column("distance_m", sa.Double(), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("planned_load", sa.Double(), nullable=False),
        sa.Column("ctl", sa.Double(), nullable=False),
        sa.Column("atl", sa.Double(), nullable=False),
        sa.Column("form", sa.Double(), nullable=False),
        sa.Column("ramp", sa.Double(), nullable=True),
        sa.Column("acute_ewma", sa.Double(), nullable=True),
        sa.Column("chronic_ewma", sa.Double(), nullable=True),
        sa.Column("acwr_ewma", sa.Double(), nullable=True),
        sa.Column("acwr_coupled", sa.Double(), nullable=True),
        sa.Column("acwr_uncoupled", sa.Double(), nullable=True),
        sa.Column("monotony", sa.Double(), nullable=True),
        sa.Column("strain", sa.Double(), nullable=True),
        sa.Column("longest_run_m_30d", sa.Double(), nullable=True),
        sa.Column("spike_ratio", sa.Double(), nullable=True),
        sa.Column("spike_flag", sa.Boolean(), nullable=False),
        sa.Column("days_of_data", sa.Integer(), nullable=False),
        sa.Column("readiness_score", sa.Double(), nullable=True),
        sa.Column("readiness_band", sa.String(length=8), nullable=True),
        sa.Column("risk", sa.Double(), nullable=True),
        sa.Column("risk_bucket", sa.String(length=10), nullable=True),
        sa.Column("confidence", sa.Double(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_daily_metrics_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_daily_metrics_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("athlete_id", "day", name=op.f("pk_daily_metrics")),
    )
    with op.batch_alter_table("daily_metrics", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_daily_metrics_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_daily_metrics_organization_id_day"),
            ["organization_id", "day"],
            unique=False,
        )

    op.create_table(
        "health_cases",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("location", sa.String(length=100), nullable=True),
        sa.Column("description", sa.String(length=2000), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column(
            "progression",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "opened_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('injury', 'illness')", name=op.f("ck_health_cases_kind_valid")
        ),
        sa.CheckConstraint(
            "status IN ('open', 'return_to_run', 'closed')",
            name=op.f("ck_health_cases_status_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_health_cases_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["opened_by_id"],
            ["users.id"],
            name=op.f("fk_health_cases_opened_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_health_cases_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_health_cases")),
    )
    with op.batch_alter_table("health_cases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_health_cases_athlete_id_status"), ["athlete_id", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_health_cases_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "import_runs",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_imported", sa.Integer(), nullable=False),
        sa.Column(
            "errors",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "created_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
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
            "status IN ('running', 'succeeded', 'partial', 'failed')",
            name=op.f("ck_import_runs_status_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_import_runs_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_import_runs_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_import_runs_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_runs")),
    )
    with op.batch_alter_table("import_runs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_runs_athlete_id_created_at"),
            ["athlete_id", "created_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_import_runs_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "race_goals",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("distance_m", sa.Double(), nullable=False),
        sa.Column("race_date", sa.Date(), nullable=False),
        sa.Column("target_time_s", sa.Double(), nullable=True),
        sa.Column("priority", sa.String(length=1), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("result_time_s", sa.Double(), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "priority IN ('A', 'B', 'C')", name=op.f("ck_race_goals_priority_valid")
        ),
        sa.CheckConstraint(
            "status IN ('planned', 'completed', 'cancelled')",
            name=op.f("ck_race_goals_status_valid"),
        ),
        sa.CheckConstraint(
            "distance_m >= 100 AND distance_m <= 500000",
            name=op.f("ck_race_goals_distance_m_range"),
        ),
        sa.CheckConstraint(
            "target_time_s IS NULL OR target_time_s >= 0",
            name=op.f("ck_race_goals_target_time_s_non_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_race_goals_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_race_goals_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_race_goals")),
    )
    with op.batch_alter_table("race_goals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_race_goals_athlete_id_race_date"),
            ["athlete_id", "race_date"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_race_goals_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "recommendations",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("rationale", sa.String(length=2000), nullable=False),
        sa.Column("risk", sa.Double(), nullable=False),
        sa.Column("confidence", sa.Double(), nullable=False),
        sa.Column("bucket", sa.String(length=10), nullable=False),
        sa.Column(
            "factors",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "proposed_action",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("requires_coach", sa.Boolean(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "decided_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
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
            "status IN ('open', 'applied', 'awaiting_athlete', 'dismissed', 'superseded')",
            name=op.f("ck_recommendations_status_valid"),
        ),
        sa.CheckConstraint(
            "type IN ('progress', 'reduce_load', 'rest_day', 'swap_session', 'check_in', 'medical_referral', 'return_to_run')",
            name=op.f("ck_recommendations_type_valid"),
        ),
        sa.CheckConstraint(
            "confidence >= 0 AND confidence <= 1", name=op.f("ck_recommendations_confidence_range")
        ),
        sa.CheckConstraint("risk >= 0 AND risk <= 1", name=op.f("ck_recommendations_risk_range")),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_recommendations_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_recommendations_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_recommendations_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendations")),
    )
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recommendations_athlete_id_local_date"),
            ["athlete_id", "local_date"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_recommendations_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_recommendations_organization_id_status"),
            ["organization_id", "status"],
            unique=False,
        )

    op.create_table(
        "tasks",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column(
            "assignee_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "created_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'done', 'cancelled')", name=op.f("ck_tasks_status_valid")
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"],
            ["users.id"],
            name=op.f("fk_tasks_assignee_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_tasks_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_tasks_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_tasks_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
    )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tasks_assignee_id_status_due_date"),
            ["assignee_id", "status", "due_date"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_tasks_athlete_id_status"), ["athlete_id", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_tasks_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "timeline_events",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("ref_type", sa.String(length=40), nullable=True),
        sa.Column("ref_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("actor_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "payload",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name=op.f("fk_timeline_events_actor_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_timeline_events_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_timeline_events_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timeline_events")),
    )
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_timeline_events_athlete_id_occurred_at"),
            ["athlete_id", "occurred_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_timeline_events_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "interventions",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("cause", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("risk", sa.Double(), nullable=False),
        sa.Column("severity", sa.Double(), nullable=False),
        sa.Column(
            "recommendation_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "evidence",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_evidence_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("snoozed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "resolved_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("outcome", sa.String(length=500), nullable=True),
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
            "status IN ('open', 'acknowledged', 'snoozed', 'resolved')",
            name=op.f("ck_interventions_status_valid"),
        ),
        sa.CheckConstraint("risk >= 0 AND risk <= 1", name=op.f("ck_interventions_risk_range")),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_interventions_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_interventions_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f("fk_interventions_recommendation_id_recommendations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["users.id"],
            name=op.f("fk_interventions_resolved_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interventions")),
    )
    with op.batch_alter_table("interventions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interventions_athlete_id_cause_resolved_at"),
            ["athlete_id", "cause", "resolved_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_interventions_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interventions_organization_id_status_risk"),
            ["organization_id", "status", "risk"],
            unique=False,
        )
        batch_op.create_index(
            "uq_interventions_open_cause",
            ["athlete_id", "cause"],
            unique=True,
            sqlite_where=sa.text("status <> 'resolved'"),
            postgresql_where=sa.text("status <> 'resolved'"),
        )

    op.create_table(
        "readiness_scores",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "check_in_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("band", sa.String(length=8), nullable=False),
        sa.Column(
            "factors",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("baseline_used", sa.Boolean(), nullable=False),
        sa.Column("capped_by", sa.String(length=40), nullable=True),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
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
            "band IN ('green', 'amber', 'red')", name=op.f("ck_readiness_scores_band_valid")
        ),
        sa.CheckConstraint(
            "score >= 0 AND score <= 100", name=op.f("ck_readiness_scores_score_range")
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_readiness_scores_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["check_in_id"],
            ["check_ins.id"],
            name=op.f("fk_readiness_scores_check_in_id_check_ins"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_readiness_scores_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_readiness_scores")),
        sa.UniqueConstraint(
            "athlete_id", "local_date", name=op.f("uq_readiness_scores_athlete_id_local_date")
        ),
        sa.UniqueConstraint("check_in_id", name=op.f("uq_readiness_scores_check_in_id")),
    )
    with op.batch_alter_table("readiness_scores", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_readiness_scores_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "training_plans",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("goal_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column(
            "parameters",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'active', 'completed', 'archived')",
            name=op.f("ck_training_plans_status_valid"),
        ),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_training_plans_date_order")),
        sa.CheckConstraint(
            "weeks >= 1 AND weeks <= 60", name=op.f("ck_training_plans_weeks_range")
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_training_plans_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_training_plans_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["race_goals.id"],
            name=op.f("fk_training_plans_goal_id_race_goals"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_training_plans_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_plans")),
    )
    with op.batch_alter_table("training_plans", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_plans_athlete_id_status"),
            ["athlete_id", "status"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_training_plans_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "case_notes",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("author_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("body", sa.String(length=4000), nullable=False),
        sa.Column("shared_with_athlete", sa.Boolean(), nullable=False),
        sa.Column(
            "intervention_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_case_notes_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_case_notes_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["intervention_id"],
            ["interventions.id"],
            name=op.f("fk_case_notes_intervention_id_interventions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_case_notes_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_notes")),
    )
    with op.batch_alter_table("case_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_notes_athlete_id_created_at"),
            ["athlete_id", "created_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_case_notes_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "coach_actions",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "intervention_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("actor_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column(
            "payload",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
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
            "action IN ('acknowledge', 'note', 'message', 'apply', 'snooze', 'resolve', 'reopen', 'auto_apply')",
            name=op.f("ck_coach_actions_action_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name=op.f("fk_coach_actions_actor_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_coach_actions_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["intervention_id"],
            ["interventions.id"],
            name=op.f("fk_coach_actions_intervention_id_interventions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_coach_actions_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coach_actions")),
    )
    with op.batch_alter_table("coach_actions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coach_actions_athlete_id_created_at"),
            ["athlete_id", "created_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_coach_actions_intervention_id"), ["intervention_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_coach_actions_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "plan_revisions",
        sa.Column("plan_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column(
            "snapshot",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "created_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_plan_revisions_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_plan_revisions_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["training_plans.id"],
            name=op.f("fk_plan_revisions_plan_id_training_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_revisions")),
        sa.UniqueConstraint("plan_id", "version", name=op.f("uq_plan_revisions_plan_id_version")),
    )
    with op.batch_alter_table("plan_revisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_revisions_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "plan_weeks",
        sa.Column("plan_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("week_index", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("phase", sa.String(length=12), nullable=False),
        sa.Column("is_cutback", sa.Boolean(), nullable=False),
        sa.Column("is_taper", sa.Boolean(), nullable=False),
        sa.Column("is_race_week", sa.Boolean(), nullable=False),
        sa.Column("target_distance_m", sa.Double(), nullable=False),
        sa.Column("long_run_distance_m", sa.Double(), nullable=False),
        sa.Column("notes", sa.String(length=1000), nullable=True),
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
            "phase IN ('base', 'build', 'peak', 'taper', 'recovery')",
            name=op.f("ck_plan_weeks_phase_valid"),
        ),
        sa.CheckConstraint(
            "long_run_distance_m IS NULL OR long_run_distance_m >= 0",
            name=op.f("ck_plan_weeks_long_run_distance_m_non_negative"),
        ),
        sa.CheckConstraint(
            "target_distance_m IS NULL OR target_distance_m >= 0",
            name=op.f("ck_plan_weeks_target_distance_m_non_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_plan_weeks_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["training_plans.id"],
            name=op.f("fk_plan_weeks_plan_id_training_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_weeks")),
        sa.UniqueConstraint("plan_id", "week_index", name=op.f("uq_plan_weeks_plan_id_week_index")),
    )
    with op.batch_alter_table("plan_weeks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_weeks_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "planned_sessions",
        sa.Column("plan_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "plan_week_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "template_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("template_code", sa.String(length=80), nullable=True),
        sa.Column("scheduled_date", sa.Date(), nullable=False),
        sa.Column("order_in_day", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("is_hard", sa.Boolean(), nullable=False),
        sa.Column("planned_duration_s", sa.Double(), nullable=False),
        sa.Column("planned_distance_m", sa.Double(), nullable=True),
        sa.Column("planned_load", sa.Double(), nullable=False),
        sa.Column(
            "targets",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("coach_note", sa.String(length=1000), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('easy', 'long', 'quality', 'recovery', 'race', 'strides', 'rest', 'cross')",
            name=op.f("ck_planned_sessions_role_valid"),
        ),
        sa.CheckConstraint(
            "status IN ('planned', 'completed', 'skipped', 'cancelled')",
            name=op.f("ck_planned_sessions_status_valid"),
        ),
        sa.CheckConstraint(
            "planned_distance_m IS NULL OR planned_distance_m >= 0",
            name=op.f("ck_planned_sessions_planned_distance_m_non_negative"),
        ),
        sa.CheckConstraint(
            "planned_duration_s IS NULL OR planned_duration_s >= 0",
            name=op.f("ck_planned_sessions_planned_duration_s_non_negative"),
        ),
        sa.CheckConstraint(
            "planned_load IS NULL OR planned_load >= 0",
            name=op.f("ck_planned_sessions_planned_load_non_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_planned_sessions_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_planned_sessions_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["training_plans.id"],
            name=op.f("fk_planned_sessions_plan_id_training_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_week_id"],
            ["plan_weeks.id"],
            name=op.f("fk_planned_sessions_plan_week_id_plan_weeks"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["session_templates.id"],
            name=op.f("fk_planned_sessions_template_id_session_templates"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planned_sessions")),
    )
    with op.batch_alter_table("planned_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_planned_sessions_athlete_id_scheduled_date"),
            ["athlete_id", "scheduled_date"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_planned_sessions_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_planned_sessions_plan_id_scheduled_date"),
            ["plan_id", "scheduled_date"],
            unique=False,
        )

    op.create_table(
        "training_logs",
        sa.Column(
            "athlete_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "planned_session_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sport", sa.String(length=12), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("duration_s", sa.Double(), nullable=False),
        sa.Column("distance_m", sa.Double(), nullable=True),
        sa.Column("avg_hr", sa.Integer(), nullable=True),
        sa.Column("max_hr", sa.Integer(), nullable=True),
        sa.Column("avg_pace_s_per_km", sa.Double(), nullable=True),
        sa.Column("elevation_gain_m", sa.Double(), nullable=True),
        sa.Column("rpe", sa.Double(), nullable=True),
        sa.Column("pain_flag", sa.Boolean(), nullable=False),
        sa.Column("pain_location", sa.String(length=100), nullable=True),
        sa.Column("pain_severity", sa.Integer(), nullable=True),
        sa.Column("feel", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(length=4000), nullable=True),
        sa.Column("load", sa.Double(), nullable=False),
        sa.Column("load_model", sa.String(length=8), nullable=False),
        sa.Column(
            "load_details",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("source_fingerprint", sa.String(length=64), nullable=True),
        sa.Column(
            "import_run_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "organization_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('training', 'race', 'time_trial')", name=op.f("ck_training_logs_kind_valid")
        ),
        sa.CheckConstraint(
            "load_model IN ('pace', 'hr', 'rpe')", name=op.f("ck_training_logs_load_model_valid")
        ),
        sa.CheckConstraint(
            "source IN ('manual', 'fit', 'gpx', 'tcx', 'csv', 'demo')",
            name=op.f("ck_training_logs_source_valid"),
        ),
        sa.CheckConstraint(
            "sport IN ('run', 'bike', 'swim', 'walk', 'hike', 'cross', 'strength', 'other')",
            name=op.f("ck_training_logs_sport_valid"),
        ),
        sa.CheckConstraint(
            "avg_hr IS NULL OR (avg_hr >= 25 AND avg_hr <= 250)",
            name=op.f("ck_training_logs_avg_hr_range"),
        ),
        sa.CheckConstraint(
            "distance_m IS NULL OR distance_m >= 0",
            name=op.f("ck_training_logs_distance_m_non_negative"),
        ),
        sa.CheckConstraint("duration_s > 0", name=op.f("ck_training_logs_duration_positive")),
        sa.CheckConstraint(
            "elevation_gain_m IS NULL OR elevation_gain_m >= 0",
            name=op.f("ck_training_logs_elevation_gain_m_non_negative"),
        ),
        sa.CheckConstraint(
            "feel IS NULL OR (feel >= 1 AND feel <= 5)", name=op.f("ck_training_logs_feel_range")
        ),
        sa.CheckConstraint(
            "load IS NULL OR load >= 0", name=op.f("ck_training_logs_load_non_negative")
        ),
        sa.CheckConstraint(
            "max_hr IS NULL OR (max_hr >= 25 AND max_hr <= 250)",
            name=op.f("ck_training_logs_max_hr_range"),
        ),
        sa.CheckConstraint(
            "pain_severity IS NULL OR (pain_severity >= 0 AND pain_severity <= 10)",
            name=op.f("ck_training_logs_pain_severity_range"),
        ),
        sa.CheckConstraint(
            "rpe IS NULL OR (rpe >= 0 AND rpe <= 10)", name=op.f("ck_training_logs_rpe_range")
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_training_logs_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_run_id"],
            ["import_runs.id"],
            name=op.f("fk_training_logs_import_run_id_import_runs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_training_logs_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["planned_session_id"],
            ["planned_sessions.id"],
            name=op.f("fk_training_logs_planned_session_id_planned_sessions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_logs")),
    )
    with op.batch_alter_table("training_logs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_logs_athlete_id_local_date"),
            ["athlete_id", "local_date"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_training_logs_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_logs_planned_session_id"), ["planned_session_id"], unique=False
        )
        batch_op.create_index(
            "uq_training_logs_athlete_fingerprint",
            ["athlete_id", "source_fingerprint"],
            unique=True,
            sqlite_where=sa.text("source_fingerprint IS NOT NULL"),
            postgresql_where=sa.text("source_fingerprint IS NOT NULL"),
        )


def downgrade() -> None:

    with op.batch_alter_table("training_logs", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_training_logs_athlete_fingerprint",
            sqlite_where=sa.text("source_fingerprint IS NOT NULL"),
            postgresql_where=sa.text("source_fingerprint IS NOT NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_training_logs_planned_session_id"))
        batch_op.drop_index(batch_op.f("ix_training_logs_organization_id"))
        batch_op.drop_index(batch_op.f("ix_training_logs_athlete_id_local_date"))

    op.drop_table("training_logs")
    with op.batch_alter_table("planned_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_planned_sessions_plan_id_scheduled_date"))
        batch_op.drop_index(batch_op.f("ix_planned_sessions_organization_id"))
        batch_op.drop_index(batch_op.f("ix_planned_sessions_athlete_id_scheduled_date"))

    op.drop_table("planned_sessions")
    with op.batch_alter_table("plan_weeks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_weeks_organization_id"))

    op.drop_table("plan_weeks")
    with op.batch_alter_table("plan_revisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_revisions_organization_id"))

    op.drop_table("plan_revisions")
    with op.batch_alter_table("coach_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coach_actions_organization_id"))
        batch_op.drop_index(batch_op.f("ix_coach_actions_intervention_id"))
        batch_op.drop_index(batch_op.f("ix_coach_actions_athlete_id_created_at"))

    op.drop_table("coach_actions")
    with op.batch_alter_table("case_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_notes_organization_id"))
        batch_op.drop_index(batch_op.f("ix_case_notes_athlete_id_created_at"))

    op.drop_table("case_notes")
    with op.batch_alter_table("training_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_plans_organization_id"))
        batch_op.drop_index(batch_op.f("ix_training_plans_athlete_id_status"))

    op.drop_table("training_plans")
    with op.batch_alter_table("readiness_scores", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_readiness_scores_organization_id"))

    op.drop_table("readiness_scores")
    with op.batch_alter_table("interventions", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_interventions_open_cause",
            sqlite_where=sa.text("status <> 'resolved'"),
            postgresql_where=sa.text("status <> 'resolved'"),
        )
        batch_op.drop_index(batch_op.f("ix_interventions_organization_id_status_risk"))
        batch_op.drop_index(batch_op.f("ix_interventions_organization_id"))
        batch_op.drop_index(batch_op.f("ix_interventions_athlete_id_cause_resolved_at"))

    op.drop_table("interventions")
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_timeline_events_organization_id"))
        batch_op.drop_index(batch_op.f("ix_timeline_events_athlete_id_occurred_at"))

    op.drop_table("timeline_events")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tasks_organization_id"))
        batch_op.drop_index(batch_op.f("ix_tasks_athlete_id_status"))
        batch_op.drop_index(batch_op.f("ix_tasks_assignee_id_status_due_date"))

    op.drop_table("tasks")
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendations_organization_id_status"))
        batch_op.drop_index(batch_op.f("ix_recommendations_organization_id"))
        batch_op.drop_index(batch_op.f("ix_recommendations_athlete_id_local_date"))

    op.drop_table("recommendations")
    with op.batch_alter_table("race_goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_race_goals_organization_id"))
        batch_op.drop_index(batch_op.f("ix_race_goals_athlete_id_race_date"))

    op.drop_table("race_goals")
    with op.batch_alter_table("import_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_runs_organization_id"))
        batch_op.drop_index(batch_op.f("ix_import_runs_athlete_id_created_at"))

    op.drop_table("import_runs")
    with op.batch_alter_table("health_cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_health_cases_organization_id"))
        batch_op.drop_index(batch_op.f("ix_health_cases_athlete_id_status"))

    op.drop_table("health_cases")
    with op.batch_alter_table("daily_metrics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_daily_metrics_organization_id_day"))
        batch_op.drop_index(batch_op.f("ix_daily_metrics_organization_id"))

    op.drop_table("daily_metrics")
    with op.batch_alter_table("coach_assignments", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_coach_assignments_active",
            sqlite_where=sa.text("ended_at IS NULL"),
            postgresql_where=sa.text("ended_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_coach_assignments_organization_id"))
        batch_op.drop_index(batch_op.f("ix_coach_assignments_coach_id_ended_at"))
        batch_op.drop_index(batch_op.f("ix_coach_assignments_athlete_id_ended_at"))

    op.drop_table("coach_assignments")
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_ins_organization_id"))

    op.drop_table("check_ins")
    with op.batch_alter_table("availability_exceptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_availability_exceptions_organization_id"))
        batch_op.drop_index(batch_op.f("ix_availability_exceptions_athlete_id_start_date"))

    op.drop_table("availability_exceptions")
    with op.batch_alter_table("athlete_snapshots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_athlete_snapshots_organization_id_risk_bucket"))
        batch_op.drop_index(batch_op.f("ix_athlete_snapshots_organization_id_risk"))
        batch_op.drop_index(batch_op.f("ix_athlete_snapshots_organization_id"))

    op.drop_table("athlete_snapshots")
    with op.batch_alter_table("user_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_sessions_user_id_revoked_at"))

    op.drop_table("user_sessions")
    with op.batch_alter_table("setting_overrides", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_setting_overrides_organization_scope",
            sqlite_where=sa.text("subject_id IS NULL"),
            postgresql_where=sa.text("subject_id IS NULL"),
        )

    op.drop_table("setting_overrides")
    with op.batch_alter_table("session_templates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_templates_organization_id"))
        batch_op.drop_index(batch_op.f("ix_session_templates_category"))

    op.drop_table("session_templates")
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refresh_tokens_family_id"))

    op.drop_table("refresh_tokens")
    with op.batch_alter_table("idempotency_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idempotency_records_user_id_key"))

    op.drop_table("idempotency_records")
    with op.batch_alter_table("athletes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_athletes_organization_id"))

    op.drop_table("athletes")
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_keys_user_id"))
        batch_op.drop_index(batch_op.f("ix_api_keys_prefix"))
        batch_op.drop_index(batch_op.f("ix_api_keys_organization_id"))

    op.drop_table("api_keys")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_organization_id"))

    op.drop_table("users")
    op.drop_table("organizations")
    with op.batch_alter_table("error_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_error_events_occurred_at"))

    op.drop_table("error_events")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_organization_id_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_audit_log_entity_entity_id"))

    op.drop_table("audit_log")
