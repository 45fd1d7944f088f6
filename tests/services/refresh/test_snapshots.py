"""The set-based refresh of many athletes gives what refreshing each athlete alone gives."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runseason.db.models import (
    AthleteSnapshot,
    DailyMetric,
    Intervention,
    LoadSeries,
    Recommendation,
)
from runseason.domain.dates import local_date
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.plans import PlanCreate
from runseason.schemas.training import TrainingLogCreate
from runseason.services import checkins, training
from runseason.services.plans import generation
from runseason.services.refresh import history, snapshots
from tests.factories import NOW, World, actor, assert_series_kept

GOOD = CheckInCreate(sleep_quality=4, energy=4, recovery=4, stress=4)
SORE = CheckInCreate(
    sleep_quality=2, energy=2, recovery=2, stress=2, pain_severity=5, pain_location="knee"
)


def _history(db: Session, world: World) -> list[int]:
    """Different histories for four athletes (three time zones, a plan, pain), refreshed inline."""
    coach = actor(db, world.cole)
    generation.generate_plan(
        db,
        coach,
        world.greta.id,
        PlanCreate(
            race_distance_m=10000,
            race_date=NOW.date() + timedelta(weeks=12),
            start_date=NOW.date(),
            available_weekdays=[0, 1, 2, 3, 4, 5, 6],
        ),
        now=NOW,
    )
    athletes = (world.greta, world.riley, world.ramp, world.sam)
    for n, athlete in enumerate(athletes):
        who = actor(db, world.user_of(athlete, db))
        today = local_date(NOW, athlete.timezone)
        for back in range(40 - 5 * n, 0, -(n + 2)):
            minutes = 30 + 10 * ((back * (n + 1)) % 5)
            training.log_session(
                db,
                who,
                athlete.id,
                TrainingLogCreate(
                    local_date=today - timedelta(days=back),
                    duration_s=minutes * 60,
                    distance_m=minutes * 180.0,
                    rpe=4 + back % 4,
                ),
                now=NOW,
            )
        for back in (3, 1, 0):
            day = today - timedelta(days=back)
            form = SORE if athlete is world.riley else GOOD
            checkins.submit_checkin(
                db, who, athlete.id, form.model_copy(update={"local_date": day}), now=NOW
            )
    return [a.id for a in athletes]


def _derived(db: Session, ids: list[int]) -> dict[str, Any]:
    db.expire_all()
    days = {i: [tuple(row) for row in history.stored_days(db, i)] for i in ids}
    snapshots = {
        s.athlete_id: (
            s.as_of,
            s.readiness_score,
            s.readiness_band,
            s.readiness_trend,
            s.form,
            s.ctl,
            s.acwr,
            s.adherence_7d,
            s.risk,
            s.risk_bucket,
            s.confidence,
            s.top_factors,
            s.open_interventions,
            s.last_checkin_date,
            s.last_log_date,
            s.next_race_date,
        )
        for s in db.scalars(select(AthleteSnapshot).where(AthleteSnapshot.athlete_id.in_(ids)))
    }
    recommendations = sorted(
        (r.athlete_id, r.local_date, r.type, round(r.risk, 9), r.decision)
        for r in db.scalars(
            select(Recommendation).where(
                Recommendation.athlete_id.in_(ids), Recommendation.status == "open"
            )
        )
    )
    interventions = sorted(
        (i.athlete_id, i.cause, i.status)
        for i in db.scalars(select(Intervention).where(Intervention.athlete_id.in_(ids)))
    )
    return {
        "days": days,
        "snapshots": snapshots,
        "recommendations": recommendations,
        "interventions": interventions,
    }


def _wipe(db: Session, ids: list[int]) -> None:
    """Everything the refresh derives goes."""
    for model in (DailyMetric, LoadSeries, AthleteSnapshot, Recommendation, Intervention):
        db.execute(delete(model).where(model.athlete_id.in_(ids)))


def test_a_batch_refresh_equals_each_athlete_refreshed_alone(
    db: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _history(db, world)
    incremental = _derived(db, ids)
    assert all(len(days) >= 25 for days in incremental["days"].values())
    _wipe(db, ids)
    for athlete_id in ids:
        snapshots.refresh_after_change(db, athlete_id, date.min, now=NOW)
    alone = _derived(db, ids)
    assert {cause for _, cause, _ in alone["interventions"]} == {"pain", "readiness"}
    assert alone["snapshots"][world.greta.id][7] is not None  # adherence: Greta has a plan
    _wipe(db, ids)
    monkeypatch.setattr(snapshots, "BATCH", 3)  # two rounds of statements: three, then one
    snapshots.refresh_many(db, dict.fromkeys(ids, (date.min, None)), now=NOW)
    assert _derived(db, ids) == alone
    for athlete_id in ids:
        assert_series_kept(db, athlete_id)
    # And the same stored days and snapshot figures as the check-ins and logs refreshed one by
    # one (only the interventions differ: those opened before the check-ins came stay open).
    assert alone["days"] == incremental["days"]
    for athlete_id in ids:
        fresh, kept = alone["snapshots"][athlete_id], incremental["snapshots"][athlete_id]
        assert fresh[:12] + fresh[13:] == kept[:12] + kept[13:]  # all but open interventions


def test_an_athlete_without_a_load_series_is_read_from_the_day_rows_and_gets_one(
    db: Session, world: World
) -> None:
    """Day rows from before ``load_series`` existed: the refresh reads the rows, then keeps one."""
    ids = _history(db, world)
    kept = _derived(db, ids)
    for athlete_id in ids:
        assert_series_kept(db, athlete_id)
    assert all(loads.kept for loads in history.loads_of(db, ids).values())
    db.execute(delete(LoadSeries).where(LoadSeries.athlete_id.in_(ids)))
    from_rows = history.loads_of(db, ids)
    assert not any(loads.kept for loads in from_rows.values())
    day = NOW.date() - timedelta(days=12)
    snapshots.refresh_many(db, dict.fromkeys(ids, (day, day)), now=NOW)
    for athlete_id in ids:
        assert_series_kept(db, athlete_id)
    again = history.loads_of(db, ids)
    for athlete_id in ids:
        assert again[athlete_id].kept
        assert again[athlete_id].first == from_rows[athlete_id].first
        assert again[athlete_id].loads.tolist() == from_rows[athlete_id].loads.tolist()
    assert _derived(db, ids) == kept


def test_a_back_dated_change_to_a_stale_history_fills_the_days_up_to_today(
    db: Session, world: World
) -> None:
    me = actor(db, world.cole)
    earlier = NOW - timedelta(days=6)
    day = earlier.date() - timedelta(days=20)
    log = training.log_session(
        db,
        me,
        world.greta.id,
        TrainingLogCreate(local_date=day, duration_s=3600, rpe=5),
        now=earlier,
    )
    stored = history.stored_days(db, world.greta.id)
    assert stored[-1][0] == earlier.date()
    # Six days later the same day changes: that day is rewritten, and the six days since the last
    # refresh get their rows, so today's metrics read the history up to today.
    training.delete_log(db, me, log.id, now=NOW)
    rows = history.read(db, world.greta.id, date.min, NOW.date())
    assert [r.day for r in rows] == [day + timedelta(days=i) for i in range(21 + 6)]
    assert all(r.load == 0 for r in rows)
    snap = db.get(AthleteSnapshot, world.greta.id)
    assert snap is not None
    assert snap.as_of == NOW.date()
    assert snap.ctl == 0


def test_a_change_to_days_after_today_refreshes_today_and_no_later_day(
    db: Session, world: World
) -> None:
    me = actor(db, world.cole)
    today = NOW.date()
    training.log_session(
        db, me, world.greta.id, TrainingLogCreate(local_date=today, duration_s=3600, rpe=5), now=NOW
    )
    snapshots.refresh_after_change(
        db, world.greta.id, today + timedelta(days=3), now=NOW, to_day=today + timedelta(days=9)
    )
    assert history.stored_days(db, world.greta.id)[-1][0] == today


def test_the_batch_statements_are_cached_with_one_text_for_any_batch() -> None:
    """SQLAlchemy compiles a statement it cannot cache on every run (VALUES clauses, say)."""
    from sqlalchemy.dialects import postgresql, sqlite  # noqa: PLC0415

    from runseason.services.refresh import days, engine, inputs  # noqa: PLC0415

    statements = [
        statement()
        for statement in (
            days._inputs_statement,
            snapshots._adherence_statement,
            snapshots._contact_statement,
            history._rows_statement,
            inputs._checkins_statement,
            inputs._facts_statement,
            inputs._missed_statement,
            engine._open_recommendations,
        )
    ]
    assert all(s._generate_cache_key() is not None for s in statements)
    # The rows travel as one JSON array: no text per number of rows on either database.
    sql = str(history._rows_statement().compile(dialect=postgresql.dialect()))
    assert "json_array_elements(" in sql
    assert "UNION ALL" not in sql
    sql = str(history._rows_statement().compile(dialect=sqlite.dialect()))
    assert "json_each(" in sql
    assert "UNION ALL" not in sql


def test_a_deferred_block_refreshes_each_time_zone_as_of_its_latest_change(
    db: Session, world: World
) -> None:
    """One block, four athletes in three zones: each is assessed on their own local day, the
    athletes of one zone together as of the latest change among them (as the worker drains)."""
    day = date(2026, 11, 24)
    moments = {  # each check-in on the 24th, in the athlete's own zone
        world.riley.id: datetime(2026, 11, 24, 7, 0, tzinfo=UTC),
        world.ramp.id: datetime(2026, 11, 24, 19, 0, tzinfo=UTC),
        world.greta.id: datetime(2026, 11, 24, 22, 30, tzinfo=UTC),  # 23:30 in Oslo
        world.sam.id: datetime(2026, 11, 25, 3, 0, tzinfo=UTC),  # 22:00 in New York
    }
    athletes = {a.id: a for a in (world.riley, world.ramp, world.greta, world.sam)}
    assert athletes[world.riley.id].timezone == athletes[world.ramp.id].timezone
    with snapshots.deferred_refresh(db):
        for athlete_id, moment in moments.items():
            who = actor(db, world.user_of(athletes[athlete_id], db))
            checkins.submit_checkin(db, who, athlete_id, GOOD, now=moment)
        assert db.scalar(select(AthleteSnapshot.athlete_id)) is None  # nothing until the end
    assessed = {
        rec.athlete_id: rec
        for rec in db.scalars(select(Recommendation).where(Recommendation.athlete_id.in_(moments)))
    }
    assert {a: rec.local_date for a, rec in assessed.items()} == dict.fromkeys(moments, day)
    for athlete_id, snap in db.execute(select(AthleteSnapshot.athlete_id, AthleteSnapshot.as_of)):
        assert snap == day, athlete_id
    created = {a: _utc(rec.created_at) for a, rec in assessed.items()}
    assert created[world.riley.id] == created[world.ramp.id] == moments[world.ramp.id]
    assert created[world.greta.id] == moments[world.greta.id]
    assert created[world.sam.id] == moments[world.sam.id]


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
