"""The engine end to end: check-ins become risk, recommendations, interventions and the queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, event, select
from sqlalchemy.orm import Session

from runseason.db.models import (
    AthleteSnapshot,
    Intervention,
    PlannedSession,
    PlanRevision,
    SettingOverride,
    TrainingPlan,
)
from runseason.domain.dates import local_date
from runseason.errors import Conflict, InvalidInput
from runseason.schemas.cases import HealthCaseCreate, NoteCreate, TaskCreate
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.coaching import (
    CommandCenterRead,
    InterventionResolve,
    InterventionSnooze,
    RecommendationDecision,
)
from runseason.services import cases, checkins, interventions, recommendations
from runseason.services.coaching_settings import (
    CACHE_KEY,
    effective_settings,
    update_organization_settings,
)
from runseason.services.views import caseload, command_center
from runseason.services.views.timeline import get_timeline
from tests.factories import NOW, World, actor, make_athlete

GOOD = {"sleep_quality": 4, "energy": 4, "recovery": 4, "stress": 4}
BAD = {"sleep_quality": 2, "energy": 2, "recovery": 1, "stress": 2}


def check_in(db: Session, world: World, athlete, days_ago: int, **values: object):
    me = actor(db, world.user_of(athlete, db))
    day = local_date(NOW, athlete.timezone) - timedelta(days=days_ago)
    data = CheckInCreate.model_validate({**GOOD, **values, "local_date": day})
    return checkins.submit_checkin(db, me, athlete.id, data, now=NOW)


def riley_red_patch(db: Session, world: World) -> None:
    for days_ago in (2, 1, 0):
        check_in(
            db, world, world.riley, days_ago, **BAD, pain_severity=5, pain_location="left knee"
        )


def greta_green_streak(db: Session, world: World) -> None:
    for days_ago in range(5, -1, -1):
        check_in(db, world, world.greta, days_ago)


def test_a_red_patch_with_pain_puts_riley_at_risk_with_a_referral(
    db: Session, world: World
) -> None:
    riley_red_patch(db, world)
    snap = db.get(AthleteSnapshot, world.riley.id)
    assert snap is not None
    assert snap.risk_bucket == "at_risk"
    assert snap.risk > 0.85
    assert snap.top_factors[0]["name"] == "pain"
    rec = recommendations.find_recommendation_for_day(
        db, actor(db, world.asha), world.riley.id, local_date(NOW, world.riley.timezone)
    )
    assert rec is not None
    assert rec.type == "medical_referral"
    assert rec.requires_coach
    causes = db.scalars(
        select(Intervention.cause).where(Intervention.athlete_id == world.riley.id)
    ).all()
    assert "pain" in causes
    assert len(causes) == len(set(causes))  # merged, never duplicated


def test_a_green_streak_is_stable_and_progresses(db: Session, world: World) -> None:
    greta_green_streak(db, world)
    snap = db.get(AthleteSnapshot, world.greta.id)
    assert snap is not None
    assert snap.risk_bucket == "stable"
    rec = recommendations.find_recommendation_for_day(
        db, actor(db, world.cole), world.greta.id, NOW.date()
    )
    assert rec is not None
    assert rec.type == "progress"


def test_silence_opens_a_check_in_intervention(db: Session, world: World) -> None:
    check_in(db, world, world.sam, 4)
    from runseason.services.refresh.snapshots import refresh_after_change  # noqa: PLC0415

    refresh_after_change(db, world.sam.id, NOW.date(), now=NOW)
    causes = db.scalars(
        select(Intervention.cause).where(Intervention.athlete_id == world.sam.id)
    ).all()
    assert "silence" in causes


def test_command_center_ranks_the_queue_for_the_coach(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    greta_green_streak(db, world)
    queue = command_center.get_command_center(db, actor(db, world.asha), now=NOW)
    assert queue.total >= 1
    first = queue.items[0]
    assert first.athlete_name == "Riley Red"
    assert first.recommendation is not None
    assert first.intervention.sla == "fresh"
    assert queue.buckets["at_risk"] == 1
    cole_queue = command_center.get_command_center(db, actor(db, world.cole), now=NOW)
    assert all(item.athlete_name != "Riley Red" for item in cole_queue.items)


def test_queue_pages_carry_the_total_even_past_the_last_page(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    greta_green_streak(db, world)
    admin = actor(db, world.ada)
    everything = command_center.get_command_center(db, admin, now=NOW, page_size=100)
    assert everything.total == len(everything.items) >= 2
    first = command_center.get_command_center(db, admin, now=NOW, page_size=1)
    second = command_center.get_command_center(db, admin, now=NOW, page=2, page_size=1)
    assert first.total == second.total == everything.total
    assert first.items[0].intervention.id == everything.items[0].intervention.id
    assert second.items[0].intervention.id == everything.items[1].intervention.id
    past = command_center.get_command_center(db, admin, now=NOW, page=50, page_size=1)
    assert past.items == []
    assert past.total == everything.total


def test_sla_ages_with_the_injected_clock(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    later = command_center.get_command_center(
        db, actor(db, world.asha), now=NOW + timedelta(hours=80)
    )
    assert later.items[0].intervention.sla == "overdue"
    assert later.sla["overdue"] >= 1


def count_queries(db: Session, call) -> int:
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(statements)


def test_queue_and_caseload_use_a_bounded_number_of_queries(db: Session, world: World) -> None:
    for i in range(5):
        make_athlete(db, world.north, f"Small {i}", coach=world.uma)
    coach = actor(db, world.uma)
    command_center.get_command_center(db, coach, now=NOW)  # warm the per-transaction settings
    small = count_queries(
        db,
        lambda: (
            command_center.get_command_center(db, coach, now=NOW),
            caseload.get_caseload(db, coach),
        ),
    )
    for i in range(45):
        make_athlete(db, world.north, f"Large {i}", coach=world.uma)
    db.flush()
    large = count_queries(
        db,
        lambda: (
            command_center.get_command_center(db, coach, now=NOW),
            caseload.get_caseload(db, coach),
        ),
    )
    assert large == small


def test_the_queue_is_one_statement_with_its_counts_and_the_organizations_sla(
    db: Session, world: World
) -> None:
    riley_red_patch(db, world)
    greta_green_streak(db, world)
    coach = actor(db, world.asha)
    update_organization_settings(
        db, actor(db, world.ada), {"interventions": {"sla_fresh_hours": 1, "sla_overdue_hours": 2}}
    )
    db.info.pop(CACHE_KEY, None)  # as in a new transaction: no settings read yet
    found: list[CommandCenterRead] = []
    later = NOW + timedelta(hours=3)
    statements = count_queries(
        db, lambda: found.append(command_center.get_command_center(db, coach, now=later))
    )
    assert statements == 1
    queue = found[0]
    # Three hours old is overdue by the organization's 1/2-hour SLA (the default is 24/72).
    assert [item.intervention.sla for item in queue.items] == ["overdue"] * len(queue.items)
    assert queue.sla["overdue"] == len(queue.items) >= 1
    assert queue.buckets == caseload.get_caseload(db, coach).buckets


def test_the_queue_holds_the_active_interventions_in_rank_order(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    greta_green_streak(db, world)
    admin = actor(db, world.ada)
    for i in range(6):
        athlete = make_athlete(db, world.north, f"Queue {i}", coach=world.asha)
        for j, cause in enumerate(("silence", "missed_sessions")):
            db.add(
                Intervention(
                    organization_id=world.north.id,
                    athlete_id=athlete.id,
                    cause=cause,
                    title=f"{cause} {i}",
                    risk=(0.3, 0.65, 0.9)[(i + j) % 3],
                    evidence=[],
                    opened_at=NOW - timedelta(hours=(i * 7 + j * 3) % 11),
                    last_evidence_at=NOW,
                )
            )
    db.flush()
    rows = db.scalars(select(Intervention).where(Intervention.organization_id == world.north.id))
    staff = actor(db, world.ada)
    ids = sorted(row.id for row in rows)
    interventions.snooze_intervention(db, staff, ids[0], InterventionSnooze(hours=2), now=NOW)
    earlier = NOW - timedelta(hours=5)  # snoozed until 3 hours ago: back in the queue
    interventions.snooze_intervention(db, staff, ids[1], InterventionSnooze(hours=2), now=earlier)
    interventions.resolve_intervention(
        db, staff, ids[2], InterventionResolve(outcome="Talked it through"), now=NOW
    )
    db.flush()
    active = [
        row
        for row in db.scalars(
            select(Intervention).where(Intervention.organization_id == world.north.id)
        )
        if row.status in ("open", "acknowledged")
        or (row.status == "snoozed" and row.snoozed_until is not None and row.snoozed_until <= NOW)
    ]
    expected = [
        row.id
        for row in sorted(
            active, key=lambda r: (0 if r.risk >= 0.6 else 1, r.opened_at, -r.risk, r.id)
        )
    ]
    assert ids[1] in expected
    assert ids[0] not in expected
    assert ids[2] not in expected
    pages = [
        command_center.get_command_center(db, admin, now=NOW, page=page, page_size=4)
        for page in range(1, len(expected) // 4 + 2)
    ]
    assert [item.intervention.id for p in pages for item in p.items] == expected
    assert {p.total for p in pages} == {len(expected)}


def test_an_empty_bucket_page_still_brings_the_counts(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    coach = actor(db, world.asha)
    everything = command_center.get_command_center(db, coach, now=NOW)
    stable = command_center.get_command_center(db, coach, now=NOW, bucket="stable")
    assert stable.items == []
    assert stable.total == 0
    assert stable.buckets == everything.buckets
    assert sum(stable.buckets.values()) == caseload.get_caseload(db, coach).total
    nobody = command_center.get_command_center(db, actor(db, world.uma), now=NOW)
    assert nobody.items == []
    assert nobody.total == 0
    assert nobody.buckets == {"at_risk": 0, "watch": 0, "stable": 0}


def test_caseload_sorts_filters_and_searches(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    greta_green_streak(db, world)
    admin = actor(db, world.ada)
    by_risk = caseload.get_caseload(db, admin, sort="risk")
    assert by_risk.items[0].name == "Riley Red"
    assert by_risk.total == 4
    at_risk = caseload.get_caseload(db, admin, bucket="at_risk")
    assert [r.name for r in at_risk.items] == ["Riley Red"]
    assert caseload.get_caseload(db, admin, search="gre").items[0].name == "Greta Green"
    with pytest.raises(InvalidInput):
        caseload.get_caseload(db, admin, sort="shoe size")


def plan_today(db: Session, world: World, athlete) -> PlannedSession:
    today = local_date(NOW, athlete.timezone)
    plan = TrainingPlan(
        organization_id=world.north.id,
        athlete_id=athlete.id,
        name="Plan",
        start_date=today,
        end_date=today + timedelta(days=60),
        weeks=8,
    )
    db.add(plan)
    db.flush()
    rows = []
    for offset in range(3):
        row = PlannedSession(
            organization_id=world.north.id,
            plan_id=plan.id,
            athlete_id=athlete.id,
            scheduled_date=today + timedelta(days=offset),
            title="Intervals",
            category="intervals",
            role="quality",
            is_hard=True,
            planned_duration_s=3600,
            planned_distance_m=12000,
            planned_load=90,
        )
        db.add(row)
        rows.append(row)
    db.flush()
    return rows[0]


def test_accepting_a_swap_changes_the_plan_and_records_a_revision(
    db: Session, world: World
) -> None:
    planned = plan_today(db, world, world.greta)
    check_in(db, world, world.greta, 0, **BAD)
    coach = actor(db, world.cole)
    rec = recommendations.find_recommendation_for_day(db, coach, world.greta.id, NOW.date())
    assert rec is not None
    assert rec.type == "swap_session"
    diff = recommendations.preview_recommendation(db, coach, rec.id)
    assert diff[0].before["title"] == "Intervals"
    assert diff[0].after is not None
    assert diff[0].after["title"] == "Recovery run"
    done = recommendations.decide_recommendation(
        db, coach, rec.id, RecommendationDecision(decision="accept"), now=NOW
    )
    assert done.status == "applied"
    db.refresh(planned)
    assert planned.category == "recovery"
    revision = db.scalar(select(PlanRevision).where(PlanRevision.plan_id == planned.plan_id))
    assert revision is not None
    assert revision.kind == "recommendation"
    with pytest.raises(Conflict):
        recommendations.decide_recommendation(
            db, coach, rec.id, RecommendationDecision(decision="reject"), now=NOW
        )


def test_modify_needs_numbers_and_reduces_by_them(db: Session, world: World) -> None:
    planned = plan_today(db, world, world.greta)
    check_in(db, world, world.greta, 0)
    coach = actor(db, world.cole)
    rec = recommendations.find_recommendation_for_day(db, coach, world.greta.id, NOW.date())
    assert rec is not None
    with pytest.raises(InvalidInput):
        recommendations.decide_recommendation(
            db, coach, rec.id, RecommendationDecision(decision="modify"), now=NOW
        )
    db.refresh(planned)
    assert planned.planned_duration_s == 3600


def test_intervention_life_cycle_with_cooldown(db: Session, world: World) -> None:
    riley_red_patch(db, world)
    coach = actor(db, world.asha)
    pain = db.scalar(
        select(Intervention).where(
            Intervention.athlete_id == world.riley.id, Intervention.cause == "pain"
        )
    )
    assert pain is not None
    interventions.acknowledge_intervention(db, coach, pain.id, now=NOW)
    interventions.snooze_intervention(db, coach, pain.id, InterventionSnooze(hours=2), now=NOW)
    resolved = interventions.resolve_intervention(
        db, coach, pain.id, InterventionResolve(outcome="Physio booked"), now=NOW
    )
    assert resolved.status == "resolved"
    with pytest.raises(Conflict):
        interventions.resolve_intervention(
            db, coach, pain.id, InterventionResolve(outcome="again"), now=NOW
        )
    timeline = get_timeline(db, coach, world.riley.id)
    kinds = {e.kind for e in timeline.items}
    assert {"intervention_opened", "intervention_acknowledge", "intervention_resolve"} <= kinds


def test_automation_settings_are_validated(db: Session, world: World) -> None:
    admin = actor(db, world.ada)
    changed = update_organization_settings(db, admin, {"automation_mode": "automatic"})
    assert changed.automation_mode == "automatic"
    with pytest.raises(InvalidInput):
        update_organization_settings(db, admin, {"risk": {"watch_min": 0.9}})


def test_notes_tasks_and_health_cases(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    cases.add_note(db, coach, world.greta.id, NoteCreate(body="private"), now=NOW)
    cases.add_note(
        db, coach, world.greta.id, NoteCreate(body="shared", shared_with_athlete=True), now=NOW
    )
    athlete = actor(db, world.user_of(world.greta, db))
    assert [n.body for n in cases.list_notes(db, athlete, world.greta.id)] == ["shared"]
    task = cases.add_task(db, coach, world.greta.id, TaskCreate(title="Order insoles"), now=NOW)
    assert [t.title for t in cases.list_my_tasks(db, coach)] == ["Order insoles"]
    cases.complete_task(db, coach, task.id, now=NOW)
    assert cases.list_my_tasks(db, coach) == []
    case = cases.open_health_case(
        db,
        coach,
        world.greta.id,
        HealthCaseCreate(kind="injury", location="calf", started_on=NOW.date()),
        now=NOW,
    )
    rtr = cases.advance_health_case(db, coach, case.id, now=NOW)
    assert rtr.status == "return_to_run"
    assert rtr.progression[0]["volume"] == 0.25
    assert cases.advance_health_case(db, coach, case.id, now=NOW).status == "closed"
    with pytest.raises(Conflict):
        cases.advance_health_case(db, coach, case.id, now=NOW)


def test_automatic_mode_never_applies_a_recommendation_above_the_guardrail(
    db: Session, world: World
) -> None:
    update_organization_settings(db, actor(db, world.ada), {"automation_mode": "automatic"})
    planned = plan_today(db, world, world.riley)
    before = (planned.status, planned.planned_duration_s, planned.title)
    riley_red_patch(db, world)
    rec = recommendations.find_recommendation_for_day(
        db, actor(db, world.asha), world.riley.id, local_date(NOW, world.riley.timezone)
    )
    assert rec is not None
    assert rec.risk > 0.85
    assert rec.requires_coach
    assert rec.status == "open"
    db.refresh(planned)
    assert (planned.status, planned.planned_duration_s, planned.title) == before


def test_caseload_shows_an_athlete_without_a_snapshot_as_stable(db: Session, world: World) -> None:
    """A new athlete has no snapshot row yet: the outer join's nulls become a stable row."""
    make_athlete(db, world.north, "Nova New", coach=world.uma)
    db.flush()
    coach = actor(db, world.uma)
    found = caseload.get_caseload(db, coach, search="nova")
    assert found.total == 1
    (row,) = found.items
    assert (row.name, row.risk, row.risk_bucket, row.open_interventions) == (
        "Nova New",
        0.0,
        "stable",
        0,
    )
    assert row.readiness_trend == []
    assert row.top_factors == []
    assert row.readiness_score is None
    stable = caseload.get_caseload(db, coach, bucket="stable", page_size=200)
    assert "Nova New" in [r.name for r in stable.items]
    assert stable.total == stable.buckets["stable"] == len(stable.items)
    other = caseload.get_caseload(db, actor(db, world.asha), search="nova")
    assert other.items == []
    assert other.total == 0


def test_each_transaction_reads_its_organizations_overrides(db: Session, world: World) -> None:
    """Merged settings are reused by their overrides' text; the overrides are read every time."""
    admin = actor(db, world.ada)
    default_mode = effective_settings(db, world.north.id).automation_mode
    assert default_mode != "automatic"
    update_organization_settings(db, admin, {"automation_mode": "automatic"})
    db.info.pop(CACHE_KEY, None)  # as a new transaction starts
    assert effective_settings(db, world.north.id).automation_mode == "automatic"
    assert effective_settings(db, world.south.id).automation_mode == default_mode
    db.execute(delete(SettingOverride).where(SettingOverride.organization_id == world.north.id))
    db.info.pop(CACHE_KEY, None)  # another process removed the override
    assert effective_settings(db, world.north.id).automation_mode == default_mode
