"""The Command Center: the coach's queue ranked by risk and SLA, paged, in one statement."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import AthleteSnapshot, Intervention
from runseason.domain.risk import bucket_of
from runseason.schemas.coaching import CommandCenterRead, InterventionResolve, InterventionSnooze
from runseason.services import interventions
from runseason.services.coaching_settings import CACHE_KEY, update_organization_settings
from runseason.services.views import caseload, command_center
from tests.factories import NOW, World, actor, make_athlete
from tests.services.coaching_days import count_queries, greta_green_streak, riley_red_patch


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
        now_risk = (0.2, 0.7, 0.45, 0.95, 0.1, 0.62)[i]  # today's risk, not the one at opening
        db.add(
            AthleteSnapshot(
                athlete_id=athlete.id,
                organization_id=world.north.id,
                as_of=NOW.date(),
                risk=now_risk,
                risk_bucket=bucket_of(now_risk),
            )
        )
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
    current = {s.athlete_id: s for s in db.scalars(select(AthleteSnapshot))}
    rank = {"at_risk": 0, "watch": 1, "stable": 2}

    def priority(r: Intervention) -> tuple[object, ...]:
        snap = current.get(r.athlete_id)
        bucket, risk = (snap.risk_bucket, snap.risk) if snap else ("stable", 0.0)
        return (rank[bucket], -risk, r.athlete_id, r.opened_at, r.id)

    expected = [row.id for row in sorted(active, key=priority)]
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


def test_the_queue_ranks_by_the_athletes_current_risk_and_groups_their_items(
    db: Session, world: World
) -> None:
    """An at-risk athlete with pain comes before a stable one whose old item opened at 81 %."""
    riley_red_patch(db, world)  # at risk today, with pain
    calm = make_athlete(db, world.north, "Calm Now", coach=world.asha)
    db.add(
        AthleteSnapshot(
            athlete_id=calm.id,
            organization_id=world.north.id,
            as_of=NOW.date(),
            risk=0.12,
            risk_bucket="stable",
        )
    )
    for cause in ("load", "silence"):
        db.add(
            Intervention(
                organization_id=world.north.id,
                athlete_id=calm.id,
                cause=cause,
                title=f"{cause} weeks ago",
                risk=0.81,
                severity=0.81,
                evidence=[],
                opened_at=NOW - timedelta(days=20),
                last_evidence_at=NOW - timedelta(days=20),
            )
        )
    db.flush()
    queue = command_center.get_command_center(db, actor(db, world.asha), now=NOW)
    names = [item.athlete_name for item in queue.items]
    assert names[0] == "Riley Red"
    assert names.index("Calm Now") > names.index("Riley Red")
    calm_items = [item for item in queue.items if item.athlete_name == "Calm Now"]
    assert {round(item.risk, 2) for item in calm_items} == {0.12}  # today's risk, one number
    assert all(item.risk_bucket == "stable" for item in calm_items)
    # One athlete's items sit together: each name is one run of rows.
    runs = [name for i, name in enumerate(names) if i == 0 or names[i - 1] != name]
    assert len(runs) == len(set(names))


def test_the_risk_history_of_the_queues_athletes_in_one_statement(
    db: Session, world: World
) -> None:
    riley_red_patch(db, world)  # three red days with pain: the risk of each day is stored
    coach = actor(db, world.asha)
    ids = [world.riley.id, world.greta.id]  # Greta is Cole's: not in Asha's history
    found: list[dict[int, list[object]]] = []
    statements = count_queries(
        db,
        lambda: found.append(
            command_center.get_risk_history(db, coach, ids, now=NOW + timedelta(hours=1))  # type: ignore[arg-type]
        ),
    )
    assert statements == 1
    history = command_center.get_risk_history(db, coach, ids, now=NOW + timedelta(hours=1))
    assert list(history) == [world.riley.id]
    days = history[world.riley.id]
    assert len(days) >= 1
    assert [d.day for d in days] == sorted(d.day for d in days)
    snap = db.get(AthleteSnapshot, world.riley.id)
    assert snap is not None
    assert days[-1].risk == pytest.approx(snap.risk)  # the last day is today's one risk
    assert command_center.get_risk_history(db, coach, [], now=NOW) == {}
