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


def test_the_status_and_wellness_migrations_keep_every_link_and_backfill_the_statuses(
    tmp_path: Path,
) -> None:
    from runseason.db.models import CheckIn, PlannedSession, ReadinessScore  # noqa: PLC0415
    from runseason.schemas.checkins import CheckInCreate  # noqa: PLC0415
    from runseason.schemas.plans import PlanCreate  # noqa: PLC0415
    from runseason.schemas.training import TrainingLogCreate  # noqa: PLC0415
    from runseason.services import checkins, training  # noqa: PLC0415
    from runseason.services.plans import generation  # noqa: PLC0415
    from tests.factories import actor  # noqa: PLC0415

    with fresh_database_url(tmp_path, "statuses") as url:
        engine = create_db_engine(url)
        try:
            migrate.upgrade(engine)
            with Session(engine) as session:
                world = make_world(session)
                built = NOW - timedelta(days=14)
                request = PlanCreate(
                    race_distance_m=10000,
                    race_date=built.date() + timedelta(weeks=12),
                    start_date=built.date(),
                )
                cole, greta = actor(session, world.cole), world.greta
                plan = generation.generate_plan(session, cole, greta.id, request, now=built)
                first = next(s for s in plan.sessions if s.category != "rest")
                me = actor(session, world.user_of(greta, session))
                entry = TrainingLogCreate(
                    local_date=first.scheduled_date, duration_s=first.planned_duration_s, rpe=4
                )
                log_id = training.log_session(session, me, greta.id, entry, now=NOW).id
                morning = CheckInCreate(sleep_quality=4, energy=4, recovery=4, stress=4)
                checkins.submit_checkin(session, me, greta.id, morning, now=NOW)
                session.commit()
            migrate.downgrade(engine, "f3a1c7d9e204")
            migrate.upgrade(engine)
            with Session(engine) as session:
                log = session.get(TrainingLog, log_id)
                assert log is not None
                assert log.planned_session_id == first.id, "the table edit keeps the links"
                assert session.get(PlannedSession, first.id).status == "completed"  # type: ignore[union-attr]
                statuses = set(
                    session.scalars(
                        select(PlannedSession.status).where(
                            PlannedSession.scheduled_date < first.scheduled_date + timedelta(1),
                            PlannedSession.id != first.id,
                            PlannedSession.category != "rest",
                        )
                    )
                )
                assert statuses <= {"missed"}
                assert session.scalar(select(ReadinessScore.id)) is not None
                assert session.scalar(select(CheckIn.stress)) == 4
            assert migrate.schema_differences(engine) == []
        finally:
            engine.dispose()
