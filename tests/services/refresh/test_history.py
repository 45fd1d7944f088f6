"""The athlete's day end to end, time zones at the edges, incremental metrics as a property,
and a load ramp surfacing in the queue."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from runseason.db.models import AthleteSnapshot, DailyMetric, TrainingLog
from runseason.domain.load_state import states
from runseason.schemas.accounts import AthleteUpdate
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.plans import PlanCreate
from runseason.schemas.training import TrainingLogCreate, TrainingLogUpdate
from runseason.services import briefing, checkins, training
from runseason.services.identity import users
from runseason.services.plans import generation
from runseason.services.refresh import history
from runseason.services.views import caseload
from tests.factories import NOW, World, actor, assert_series_kept, make_athlete

GOOD = CheckInCreate(sleep_quality=4, energy=4, recovery=4, stress=4)


def test_full_chain_from_check_in_to_adherence(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    greta = actor(db, world.user_of(world.greta, db))
    plan = generation.generate_plan(
        db,
        coach,
        world.greta.id,
        PlanCreate(
            race_distance_m=10000,
            race_date=NOW.date() + timedelta(weeks=14),
            start_date=NOW.date(),
            available_weekdays=[0, 1, 2, 3, 4, 5, 6],
        ),
        now=NOW,
    )
    today = checkins.submit_checkin(db, greta, world.greta.id, GOOD, now=NOW)
    assert today.readiness_band == "green"
    brief = briefing.get_briefing(db, greta, world.greta.id, now=NOW)
    assert brief.decision == "go"
    planned_today = [s for s in plan.sessions if s.scheduled_date == today.local_date]
    assert planned_today, "a seven-day plan has a session today"
    log = training.log_session(
        db,
        greta,
        world.greta.id,
        TrainingLogCreate(
            local_date=today.local_date,
            duration_s=planned_today[0].planned_duration_s,
            rpe=4,
        ),
        now=NOW,
    )
    assert log.planned_session_id == planned_today[0].id
    assert log.load > 0
    metric = db.get(DailyMetric, (world.greta.id, today.local_date))
    assert metric is not None
    assert metric.load == pytest.approx(log.load)
    assert metric.readiness_score == today.readiness_score
    snap = db.get(AthleteSnapshot, world.greta.id)
    assert snap is not None
    assert snap.adherence_7d is not None
    assert snap.adherence_7d > 0


@pytest.mark.parametrize(
    ("timezone", "local_day_offset"),
    [("Pacific/Honolulu", 0), ("Pacific/Tongatapu", 0)],
)
def test_six_am_local_lands_on_the_local_date(
    db: Session, world: World, timezone: str, local_day_offset: int
) -> None:
    athlete = make_athlete(
        db, world.north, f"Runner {timezone}", coach=world.cole, timezone=timezone
    )
    me = actor(db, world.user_of(athlete, db))
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    local_six = datetime(2026, 11, 24, 6, 0, tzinfo=ZoneInfo(timezone))
    stored = checkins.submit_checkin(db, me, athlete.id, GOOD, now=local_six.astimezone(UTC))
    assert stored.local_date == local_six.date() + timedelta(days=local_day_offset)


@settings(
    max_examples=12,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    ops=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=35),  # days back
            st.integers(min_value=20, max_value=120),  # minutes
            st.integers(min_value=2, max_value=9),  # RPE
            st.sampled_from(["add", "add", "edit", "delete"]),
        ),
        min_size=3,
        max_size=14,
    )
)
def test_incremental_metrics_equal_a_full_recompute(
    db: Session, world: World, ops: list[tuple[int, int, int, str]]
) -> None:
    db.expire_all()  # nothing cached from an earlier example's rolled-back rows
    savepoint = db.begin_nested()
    try:
        me = actor(db, world.cole)
        logged: list[int] = []
        for back, minutes, rpe, op in ops:
            if op == "add" or not logged:
                day = NOW.date() - timedelta(days=back)
                data = TrainingLogCreate(local_date=day, duration_s=minutes * 60, rpe=rpe)
                logged.append(training.log_session(db, me, world.greta.id, data, now=NOW).id)
            elif op == "edit":
                change = TrainingLogUpdate(rpe=rpe, duration_s=minutes * 60)
                training.update_log(db, me, logged[back % len(logged)], change, now=NOW)
            else:
                training.delete_log(db, me, logged.pop(back % len(logged)), now=NOW)
        assert_series_kept(db, world.greta.id)
        rows = history.read(db, world.greta.id, date.min, NOW.date())
        stored = db.scalars(
            select(DailyMetric.day)
            .where(DailyMetric.athlete_id == world.greta.id)
            .order_by(DailyMetric.day)
        ).all()
        assert [r.day for r in rows] == list(stored)
        days = [r.day for r in rows]
        assert days == [days[0] + timedelta(days=i) for i in range(len(days))], "no gaps"
        by_day: dict[object, float] = {}
        for log in db.scalars(select(TrainingLog).where(TrainingLog.athlete_id == world.greta.id)):
            by_day[log.local_date] = by_day.get(log.local_date, 0.0) + log.load
        full = states([by_day.get(d, 0.0) for d in days])
        for row, expected in zip(rows, full, strict=True):
            assert row.load == pytest.approx(expected.load)
            assert row.ctl == pytest.approx(expected.ctl)
            assert row.atl == pytest.approx(expected.atl)
            assert row.form == pytest.approx(expected.form)
    finally:
        savepoint.rollback()


def test_a_fast_ramp_surfaces_with_load_factors(db: Session, world: World) -> None:
    coach = actor(db, world.cole)
    users.update_athlete(db, coach, world.greta.id, AthleteUpdate(hr_max=190, hr_rest=50))
    start = NOW.date() - timedelta(days=41)
    for i in range(42):
        day = start + timedelta(days=i)
        minutes = 30 if i < 28 else 30 + (i - 27) * 12  # four quiet weeks, then a steep ramp
        training.log_session(
            db,
            coach,
            world.greta.id,
            TrainingLogCreate(
                local_date=day, duration_s=minutes * 60, rpe=6, distance_m=minutes * 180
            ),
            now=NOW,
        )
    snap = db.get(AthleteSnapshot, world.greta.id)
    assert snap is not None
    names = {f["name"] for f in snap.top_factors}
    assert names & {"acwr", "ramp", "spike", "monotony", "form"}, snap.top_factors
    assert snap.risk_bucket in ("watch", "at_risk")
    queue = caseload.get_caseload(db, coach, sort="risk")
    assert queue.items[0].athlete_id == world.greta.id
