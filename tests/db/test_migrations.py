"""The migrations build the schema the models describe, and can be undone and redone."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from runseason.db import migrate
from runseason.db.base import Base
from runseason.db.models import DailyMetric, TrainingLog
from runseason.db.session import create_db_engine
from tests.dbutil import fresh_database_url
from tests.factories import NOW, make_world


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


def test_the_derived_metrics_migration_keeps_inputs_and_fills_the_longest_run(
    tmp_path: Path,
) -> None:
    with fresh_database_url(tmp_path, "derived") as url:
        engine = create_db_engine(url)
        try:
            migrate.upgrade(engine)
            with Session(engine) as session:
                world = make_world(session)
                athlete = world.greta
                day = NOW.date() - timedelta(days=1)
                for distance, sport in ((8000.0, "run"), (21000.0, "run"), (40000.0, "bike")):
                    session.add(
                        TrainingLog(
                            organization_id=athlete.organization_id,
                            athlete_id=athlete.id,
                            local_date=day,
                            started_at=NOW,
                            duration_s=3600,
                            distance_m=distance,
                            sport=sport,
                            load=60.0,
                        )
                    )
                for d in (day, NOW.date()):
                    session.add(
                        DailyMetric(
                            organization_id=athlete.organization_id,
                            athlete_id=athlete.id,
                            day=d,
                            load=180.0,
                            sessions=3,
                        )
                    )
                session.commit()
                athlete_id = athlete.id
            migrate.downgrade(engine, "5c1f0a7e2b3d")
            assert "ctl" in {c["name"] for c in inspect(engine).get_columns("daily_metrics")}
            migrate.upgrade(engine)
            with Session(engine) as session:
                rows = session.execute(
                    select(DailyMetric.day, DailyMetric.load, DailyMetric.longest_run_m)
                    .where(DailyMetric.athlete_id == athlete_id)
                    .order_by(DailyMetric.day)
                ).all()
            # The longest run of the day, from the logs; a ride does not count; inputs are kept.
            assert [tuple(r) for r in rows] == [(day, 180.0, 21000.0), (NOW.date(), 180.0, 0.0)]
            assert migrate.schema_differences(engine) == []
        finally:
            engine.dispose()
