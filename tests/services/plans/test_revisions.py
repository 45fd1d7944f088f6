"""Plan versions: a change to planned sessions previewed, applied and recorded as one revision with
its before and after, the plan's version bumped past every earlier revision."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import PlannedSession, PlanRevision, TrainingPlan
from runseason.services.plans import revisions
from tests.factories import NOW, World
from tests.services.coaching_days import plan_today


def _plan(db: Session, world: World) -> tuple[TrainingPlan, list[PlannedSession]]:
    first = plan_today(db, world, world.greta)
    plan = db.get(TrainingPlan, first.plan_id)
    assert plan is not None
    rows = list(
        db.scalars(
            select(PlannedSession)
            .where(PlannedSession.plan_id == plan.id)
            .order_by(PlannedSession.scheduled_date)
        )
    )
    return plan, rows


def _revisions(db: Session, plan: TrainingPlan) -> list[PlanRevision]:
    found = select(PlanRevision).where(PlanRevision.plan_id == plan.id)
    return list(db.scalars(found.order_by(PlanRevision.version)))


def test_a_session_view_holds_the_compared_fields_with_the_date_as_text(
    db: Session, world: World
) -> None:
    _, rows = _plan(db, world)
    view = revisions.session_view(rows[0])
    assert set(view) == set(revisions.SESSION_FIELDS)
    assert view["scheduled_date"] == rows[0].scheduled_date.isoformat()
    assert (view["title"], view["is_hard"], view["planned_load"]) == ("Intervals", True, 90)


def test_a_preview_shows_only_the_changed_sessions_and_writes_nothing(
    db: Session, world: World
) -> None:
    _, rows = _plan(db, world)
    moved_to = rows[1].scheduled_date + timedelta(days=3)
    changes = {rows[1].id: {"scheduled_date": moved_to, "is_hard": False, "origin": "coach"}}
    (change,) = revisions.preview(rows, changes)
    assert change.session_id == rows[1].id
    assert change.before["is_hard"] is True
    assert change.after is not None
    assert change.after["is_hard"] is False
    assert change.after["scheduled_date"] == moved_to.isoformat()
    assert "origin" not in change.after  # only the compared fields
    assert rows[1].is_hard is True
    assert rows[1].scheduled_date != moved_to


def test_applied_changes_write_the_sessions_and_record_one_revision(
    db: Session, world: World
) -> None:
    plan, rows = _plan(db, world)
    moved_to = rows[2].scheduled_date + timedelta(days=1)
    changes = {
        rows[0].id: {"is_hard": False, "title": "Easy run", "category": "easy"},
        rows[2].id: {"scheduled_date": moved_to},
    }
    diff = revisions.apply_changes(
        db, plan, rows, changes, kind="edit", reason="x" * 600, actor_id=world.cole.id, now=NOW
    )
    assert [c.session_id for c in diff] == [rows[0].id, rows[2].id]
    assert (rows[0].is_hard, rows[0].title, rows[0].origin) == (False, "Easy run", "coach")
    assert (rows[2].scheduled_date, rows[2].origin) == (moved_to, "coach")
    assert rows[1].origin == "generated"
    (revision,) = _revisions(db, plan)
    assert (plan.version, revision.version, revision.kind) == (2, 2, "edit")
    assert revision.reason == "x" * 500
    assert (revision.created_by_id, revision.created_at) == (world.cole.id, NOW)
    recorded = revision.snapshot["changes"]
    assert [c["session_id"] for c in recorded] == [rows[0].id, rows[2].id]
    assert recorded[0]["before"]["title"] == "Intervals"
    assert recorded[0]["after"]["title"] == "Easy run"


def test_the_engine_changes_sessions_as_itself_and_no_change_is_no_version(
    db: Session, world: World
) -> None:
    plan, rows = _plan(db, world)
    none = revisions.apply_changes(
        db, plan, rows, {}, kind="recommendation", reason="", actor_id=None, now=NOW
    )
    assert none == []
    assert (plan.version, _revisions(db, plan)) == (1, [])
    revisions.apply_changes(
        db,
        plan,
        rows,
        {rows[0].id: {"is_hard": False}},
        kind="recommendation",
        reason="amber morning",
        actor_id=None,
        now=NOW,
    )
    assert rows[0].origin == "engine"
    assert _revisions(db, plan)[0].created_by_id is None


def test_a_revision_numbers_past_the_latest_one_stored(db: Session, world: World) -> None:
    plan, _ = _plan(db, world)
    first = revisions.record_revision(
        db, plan, kind="edit", reason="a", actor_id=None, now=NOW, snapshot={}
    )
    assert first.version == plan.version == 2
    plan.version = 1  # a stale version on the plan row
    second = revisions.record_revision(
        db, plan, kind="swap", reason="b", actor_id=None, now=NOW, snapshot={"x": 1}
    )
    assert second.version == plan.version == 3
    assert [r.version for r in _revisions(db, plan)] == [2, 3]
