"""Plans, their weeks, sessions and revisions as tables: statuses, phases and roles from their
lists, a plan ending after it starts, no negative volume, one week per index and one revision per
version."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession, PlanRevision, PlanWeek, TrainingPlan
from tests.db.models.checks import accepted, refused
from tests.factories import World
from tests.services.coaching_days import plan_today


def _plan(db: Session, world: World) -> tuple[TrainingPlan, PlannedSession]:
    first = plan_today(db, world, world.greta)
    plan = db.get(TrainingPlan, first.plan_id)
    assert plan is not None
    return plan, first


def test_a_plan_is_active_at_version_1_and_keeps_its_dates_in_order(
    db: Session, world: World
) -> None:
    plan, _ = _plan(db, world)
    assert (plan.status, plan.version, plan.parameters, plan.warnings) == ("active", 1, {}, [])
    refused(db, plan, "date_order", end_date=plan.start_date - timedelta(days=1))
    refused(db, plan, "weeks_range", weeks=61)
    refused(db, plan, "status_valid", status="abandoned")


def test_a_planned_session_has_a_known_role_and_status_and_no_negative_volume(
    db: Session, world: World
) -> None:
    _, row = _plan(db, world)
    assert (row.status, row.origin, row.order_in_day) == ("planned", "generated", 0)
    refused(db, row, "role_valid", role="nap")
    refused(db, row, "status_valid", status="postponed")
    refused(db, row, "planned_load_non_negative", planned_load=-5)
    refused(db, row, "planned_distance_m_non_negative", planned_distance_m=-100)


def test_one_week_per_index_and_one_revision_per_version(db: Session, world: World) -> None:
    plan, first = _plan(db, world)
    base = {"organization_id": plan.organization_id, "plan_id": plan.id}
    week = PlanWeek(**base, week_index=1, start_date=first.scheduled_date, phase="base")
    accepted(db, week)
    assert (week.is_cutback, week.target_distance_m) == (False, 0)
    refused(db, week, "phase_valid", phase="party")
    refused(db, week, "target_distance_m_non_negative", target_distance_m=-1)
    twin = PlanWeek(**base, week_index=1, start_date=first.scheduled_date, phase="build")
    refused(db, twin, "plan_weeks")
    accepted(db, PlanRevision(**base, version=2, kind="edit"))
    refused(db, PlanRevision(**base, version=2, kind="swap"), "plan_revisions")
    assert db.scalars(select(PlanRevision.kind).where(PlanRevision.plan_id == plan.id)).all() == [
        "edit"
    ]
