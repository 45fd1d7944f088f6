"""The migrations build the schema the models describe, and can be undone and redone."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from runseason.db import migrate
from runseason.db.base import Base
from runseason.db.session import create_db_engine
from tests.dbutil import fresh_database_url


def test_upgrade_downgrade_upgrade_round_trip_leaves_the_models_schema(tmp_path: Path) -> None:
    with fresh_database_url(tmp_path, "migrations") as url:
        engine = create_db_engine(url)
        try:
            assert migrate.current_revision(engine) is None
            migrate.upgrade(engine)
            assert migrate.current_revision(engine) == migrate.head_revision()
            assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())

            migrate.downgrade(engine, "base")
            assert migrate.current_revision(engine) is None
            assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

            migrate.upgrade(engine)
            assert migrate.current_revision(engine) == migrate.head_revision()
            assert migrate.schema_differences(engine) == []
        finally:
            engine.dispose()


def test_migration_files_are_date_prefixed() -> None:
    versions = Path(migrate.MIGRATIONS_DIR) / "versions"
    names = [p.name for p in versions.glob("*.py")]
    assert names
    assert all(name[:8].isdigit() and name[8] == "_" for name in names)


def test_every_athlete_data_table_carries_the_tenant_column() -> None:
    tenantless = {
        "organizations",
        "session_templates",  # built-in templates have no organization; own ones do (nullable)
        "setting_overrides",
        "user_sessions",
        "refresh_tokens",
        "idempotency_records",
        "audit_log",
        "error_events",
        "alembic_version",
    }
    missing = [
        name
        for name, table in Base.metadata.tables.items()
        if name not in tenantless and "organization_id" not in table.c
    ]
    assert missing == []
