"""The season generator: deterministic, realistic enough to fill the Command Center, and safe."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import (
    Athlete,
    CheckIn,
    Intervention,
    Organization,
    PlannedSession,
    Recommendation,
    TrainingLog,
    User,
)
from runseason.demo import DemoSpec
from runseason.demo.generator import generate
from runseason.domain import training_load
from runseason.services import groups
from runseason.services.identity import auth
from runseason.services.identity.access import actor_for_user
from runseason.services.refresh import history
from runseason.services.views import command_center, distributions
from tests.factories import NOW

SMALL = DemoSpec(athletes=6, coaches=2, weeks=4, seed=11, slug="demo-a")


def _checkin_rows(db: Session, slug: str) -> list[tuple[object, ...]]:
    org_id = db.scalar(select(Organization.id).where(Organization.slug == slug))
    rows = db.execute(
        select(
            Athlete.display_name,
            CheckIn.local_date,
            CheckIn.sleep_quality,
            CheckIn.energy,
            CheckIn.recovery,
            CheckIn.stress,
            CheckIn.illness,
        )
        .join(Athlete, Athlete.id == CheckIn.athlete_id)
        .where(CheckIn.organization_id == org_id)
        .order_by(Athlete.display_name, CheckIn.local_date)
    )
    return [tuple(r) for r in rows]


def test_same_seed_same_season_and_another_seed_differs(db: Session) -> None:
    generate(db, SMALL, today=NOW)
    generate(db, replace(SMALL, slug="demo-b"), today=NOW)
    generate(db, replace(SMALL, slug="demo-c", seed=12), today=NOW)
    first, second, other = (_checkin_rows(db, s) for s in ("demo-a", "demo-b", "demo-c"))
    assert len(first) > 6 * 4 * 7 * 0.5
    assert first == second
    assert first != other


def test_history_goes_through_the_services_and_fills_the_queue(db: Session) -> None:
    result = generate(db, DemoSpec(athletes=10, coaches=2, weeks=6, seed=5), today=NOW)
    assert result.athletes == 10
    assert [a.role for a in result.accounts].count("coach") == 2
    logs = db.scalars(
        select(TrainingLog).where(TrainingLog.organization_id == result.organization_id)
    )
    loads = [log.load for log in logs]
    assert len(loads) == result.sessions > 50
    assert all(load > 0 for load in loads)
    opened = db.scalars(
        select(Intervention).where(Intervention.organization_id == result.organization_id)
    ).all()
    assert opened, "six weeks of ten athletes should open interventions"
    assert any(i.status == "resolved" for i in opened), "coaches act on some"
    # Like good coaches, they keep up: most open items inside the SLA, a few overdue.
    still_open = [i for i in opened if i.status in ("open", "acknowledged")]
    overdue = [
        i for i in still_open if NOW - i.opened_at.replace(tzinfo=UTC) >= timedelta(hours=72)
    ]
    assert len(overdue) <= max(1, len(still_open) // 3), (len(overdue), len(still_open))
    assert sum(i.status == "resolved" for i in opened) > len(still_open)
    decided = db.scalars(
        select(Recommendation.status).where(
            Recommendation.organization_id == result.organization_id,
            Recommendation.decided_at.is_not(None),
        )
    ).all()
    assert "applied" in decided  # they act on the suggestions, not only close the items
    admin_email = next(a.email for a in result.accounts if a.role == "admin")
    admin = auth.authenticate(db, admin_email, result.accounts[0].password, ip="127.0.0.1", now=NOW)
    queue = command_center.get_command_center(db, actor_for_user(db, admin), now=NOW)
    assert queue.total == result.interventions_open
    assert sum(queue.buckets.values()) == 10


def test_bulk_arithmetic_matches_the_service_path_for_the_same_loads(db: Session) -> None:
    result = generate(db, DemoSpec(athletes=3, coaches=1, weeks=6, seed=2), today=NOW)
    athlete_id = db.scalar(
        select(Athlete.id).where(Athlete.organization_id == result.organization_id).limit(1)
    )
    assert athlete_id is not None
    rows = history.read(db, athlete_id, date.min, date.max)
    assert len(rows) > 30
    arrays = training_load.series([r.load for r in rows])
    assert [round(r.ctl, 6) for r in rows] == [round(float(v), 6) for v in arrays["ctl"]]
    assert [round(r.atl, 6) for r in rows] == [round(float(v), 6) for v in arrays["atl"]]
    assert [round(r.form, 6) for r in rows] == [round(float(v), 6) for v in arrays["form"]]


def test_the_season_marks_planned_sessions_from_the_matched_logs(db: Session) -> None:
    result = generate(db, DemoSpec(athletes=6, coaches=2, weeks=4, seed=7), today=NOW)
    rows = db.execute(
        select(PlannedSession.status, PlannedSession.scheduled_date).where(
            PlannedSession.organization_id == result.organization_id,
            PlannedSession.category != "rest",
        )
    ).all()
    past = [status for status, day in rows if day < NOW.date() - date.resolution]
    assert past.count("completed") > 10
    assert past.count("missed") + past.count("partial") > 0
    matched = db.scalars(
        select(TrainingLog.planned_session_id).where(
            TrainingLog.organization_id == result.organization_id,
            TrainingLog.planned_session_id.is_not(None),
        )
    ).all()
    settled = {"completed", "partial"}
    done = db.scalars(select(PlannedSession.status).where(PlannedSession.id.in_(matched))).all()
    assert set(done) <= settled, "every matched session is marked done"


def test_the_club_keeps_squads_for_the_analytics_page(db: Session) -> None:
    result = generate(db, DemoSpec(athletes=10, coaches=2, weeks=2, seed=5), today=NOW)
    admin = db.scalars(
        select(User).where(User.organization_id == result.organization_id, User.role == "admin")
    ).one()
    listed = groups.list_groups(db, actor_for_user(db, admin))
    names = {g.name: g.members for g in listed.items}
    assert set(names) == {"Marathon squad", "Half marathon group", "Beginners"}
    assert sum(names.values()) >= 5  # most athletes train for a half or a full marathon
    squad = next(g for g in listed.items if g.members)
    read = distributions.get_distributions(
        db, actor_for_user(db, admin), now=NOW, weeks=2, group_id=squad.id
    )
    assert read.readiness
