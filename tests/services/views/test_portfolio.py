"""A coach's portfolio on a caseload whose season's outcomes are known."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from runseason.db.models import (
    CheckIn,
    HealthCase,
    Intervention,
    PlannedSession,
    RaceGoal,
    TrainingLog,
    TrainingPlan,
)
from runseason.errors import InvalidInput
from runseason.services.views import portfolio
from tests.factories import NOW, World, actor


def _at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _log(world: World, day: date, **values: object) -> TrainingLog:
    base: dict[str, object] = {"duration_s": 3000.0, "distance_m": 9000.0, "kind": "training"}
    return TrainingLog(
        organization_id=world.north.id,
        athlete_id=world.greta.id,
        local_date=day,
        started_at=_at(day),
        **(base | values),
    )


def _season(db: Session, world: World) -> None:
    """Greta's 2026: known numbers; Sam: nothing at all."""
    for athlete in (world.greta, world.sam, world.riley, world.ramp):
        athlete.created_at = datetime(2025, 6, 1, tzinfo=UTC)
    org = {"organization_id": world.north.id, "athlete_id": world.greta.id}
    plan = TrainingPlan(
        **org, name="Autumn", start_date=date(2026, 1, 5), end_date=date(2026, 12, 27), weeks=51
    )
    db.add(plan)
    db.flush()
    sessions = [
        PlannedSession(
            **org,
            plan_id=plan.id,
            scheduled_date=date(2026, 1, 10),
            title="Easy",
            category="easy",
            role="easy",
        ),
        PlannedSession(
            **org,
            plan_id=plan.id,
            scheduled_date=date(2026, 1, 12),
            title="Tempo",
            category="threshold",
            role="quality",
        ),
        PlannedSession(
            **org,
            plan_id=plan.id,
            scheduled_date=date(2026, 1, 11),
            title="Rest",
            category="rest",
            role="rest",
        ),
        PlannedSession(
            **org,
            plan_id=plan.id,
            scheduled_date=date(2026, 12, 1),
            title="Easy",
            category="easy",
            role="easy",
        ),
    ]
    db.add_all(sessions)
    db.flush()
    db.add_all(
        [
            _log(world, date(2026, 1, 10), planned_session_id=sessions[0].id),
            _log(world, date(2026, 11, 10)),
            _log(world, date(2025, 3, 1), distance_m=5000.0, duration_s=1250.0, kind="race"),
            _log(world, date(2026, 5, 1), distance_m=5000.0, duration_s=1260.0, kind="race"),
            _log(world, date(2026, 9, 1), distance_m=5000.0, duration_s=1230.0, kind="race"),
        ]
    )
    for day in (date(2026, 1, 5), date(2026, 1, 6), date(2026, 11, 20)):
        db.add(CheckIn(**org, local_date=day, sleep_quality=4, energy=4, recovery=4, stress=4))
    for name, day, status, target, result in (
        ("Autumn 5K", date(2026, 9, 1), "completed", 1240.0, 1230.0),
        ("Hill race", date(2026, 10, 10), "completed", 1200.0, 1250.0),
        ("Winter 10K", date(2026, 12, 20), "planned", 2500.0, None),
    ):
        db.add(
            RaceGoal(
                **org,
                name=name,
                distance_m=5000.0,
                race_date=day,
                status=status,
                target_time_s=target,
                result_time_s=result,
            )
        )
    db.add(
        HealthCase(
            **org,
            kind="injury",
            status="closed",
            started_on=date(2026, 3, 1),
            closed_on=date(2026, 3, 22),
        )
    )
    for opened, resolved in (
        (_at(date(2026, 6, 1)), _at(date(2026, 6, 2))),
        (_at(date(2026, 7, 1)), _at(date(2026, 7, 5))),
        (_at(date(2026, 11, 20)), None),
    ):
        db.add(
            Intervention(
                **org,
                cause=f"cause-{opened:%m}",
                title="Look at this",
                risk=0.5,
                status="resolved" if resolved else "open",
                opened_at=opened,
                resolved_at=resolved,
            )
        )
    db.flush()


def test_the_coach_sees_the_season_a_known_caseload_had(db: Session, world: World) -> None:
    _season(db, world)
    read = portfolio.get_portfolio(db, actor(db, world.cole), now=NOW)
    assert read.season == 2026
    assert read.athletes == 2  # Greta and Sam
    assert (read.active, read.active_at_start, read.retained, read.retention) == (1, 1, 1, 1.0)
    assert (read.goal_races, read.goals_reached) == (2, 1)
    assert read.personal_bests == 1  # only September's 5 km beat 2025's
    assert read.adherence == 0.5  # the rest day and December's session are not counted
    assert read.check_in_rate == pytest.approx(3 / (2 * 328))
    assert (read.interventions_opened, read.interventions_resolved) == (3, 2)
    assert (read.resolved_within_sla, read.sla_rate) == (1, 0.5)
    assert (read.injuries, read.return_to_run_days) == (1, 21)


def test_an_admin_sees_the_organization_or_one_coach(db: Session, world: World) -> None:
    _season(db, world)
    admin = actor(db, world.ada)
    assert portfolio.get_portfolio(db, admin, now=NOW).athletes == 4
    one = portfolio.get_portfolio(db, admin, now=NOW, coach_id=world.cole.id)
    assert one.athletes == 2
    assert one.personal_bests == 1


def test_a_season_without_records_has_no_rates(db: Session, world: World) -> None:
    read = portfolio.get_portfolio(db, actor(db, world.asha), now=NOW, season=2025)
    assert read.adherence is None
    assert read.retention is None
    assert read.sla_rate is None


def test_bad_requests_are_named(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    with pytest.raises(InvalidInput, match="coach_id"):
        portfolio.get_portfolio(db, coach, now=NOW, coach_id=world.asha.id)
    with pytest.raises(InvalidInput, match="season"):
        portfolio.get_portfolio(db, coach, now=NOW, season=2031)
    with pytest.raises(InvalidInput, match="season"):
        portfolio.get_portfolio(db, coach, now=NOW, season=1999)
