"""Queued refresh: the athlete's write answers at once, the worker brings the coach's view along."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from runseason import worker
from runseason.config import reset_settings_cache
from runseason.db.models import (
    Athlete,
    AthleteSnapshot,
    DailyMetric,
    Intervention,
    MetricRefreshJob,
    User,
)
from runseason.db.session import WriteLock, session_scope, use_session_factory
from runseason.domain.dates import local_date
from runseason.schemas.checkins import CheckInCreate
from runseason.schemas.training import TrainingLogCreate, TrainingLogUpdate
from runseason.services import checkins, training
from runseason.services.identity.access import actor_for_user, get_athlete, lock_athletes
from runseason.services.refresh import history, queue, snapshots
from tests.dbutil import migrated_factory
from tests.factories import NOW, World, actor, make_world

GOOD = CheckInCreate(sleep_quality=4, energy=4, recovery=4, stress=4)
PAIN = CheckInCreate(
    sleep_quality=2, energy=2, recovery=2, stress=2, pain_severity=6, pain_location="left knee"
)


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The product's default outside tests: athletes' writes leave the refresh to the worker."""
    monkeypatch.setenv("RUNSEASON_METRICS_REFRESH", "queued")
    reset_settings_cache()
    yield
    monkeypatch.undo()
    reset_settings_cache()


def _jobs(db: Session) -> list[MetricRefreshJob]:
    query = select(MetricRefreshJob).order_by(MetricRefreshJob.athlete_id)
    return list(db.scalars(query.execution_options(populate_existing=True)))


def _metric_rows(db: Session, athlete_id: int) -> list[tuple[Any, ...]]:
    rows = history.read(db, athlete_id, date.min, date.max)
    return [
        (r.day, r.load, round(r.ctl, 9), round(r.atl, 9), r.readiness_score, r.acwr_ewma)
        for r in rows
    ]


@pytest.mark.usefixtures("queued")
def test_a_check_in_answers_and_leaves_one_job_that_the_worker_turns_into_the_coach_view(
    db: Session, world: World
) -> None:
    riley = actor(db, world.user_of(world.riley, db))
    today = local_date(NOW, world.riley.timezone)
    answer = checkins.submit_checkin(db, riley, world.riley.id, PAIN, now=NOW)
    assert answer.readiness_band is not None  # the athlete's part is on the request
    jobs = _jobs(db)
    assert [(j.athlete_id, j.from_day, j.to_day) for j in jobs] == [(world.riley.id, today, today)]
    assert db.get(DailyMetric, (world.riley.id, today)) is None
    assert db.get(AthleteSnapshot, world.riley.id) is None
    assert db.scalar(select(Intervention).where(Intervention.athlete_id == world.riley.id)) is None

    # A back-dated check-in before the worker runs: still one job, from the earlier day.
    yesterday = CheckInCreate(**{**GOOD.model_dump(), "local_date": today - timedelta(days=2)})
    checkins.submit_checkin(db, riley, world.riley.id, yesterday, now=NOW)
    jobs = _jobs(db)
    assert [(j.athlete_id, j.from_day, j.to_day) for j in jobs] == [
        (world.riley.id, today - timedelta(2), today)
    ]
    assert queue.queue_status(db).pending == 1

    assert worker.drain(now=lambda: NOW) == 1
    assert _jobs(db) == []
    snap = db.get(AthleteSnapshot, world.riley.id)
    assert snap is not None
    assert snap.readiness_score == answer.readiness_score
    assert snap.last_checkin_date == today
    pain = db.scalar(
        select(Intervention).where(
            Intervention.athlete_id == world.riley.id, Intervention.cause == "pain"
        )
    )
    assert pain is not None
    assert pain.status == "open"
    assert worker.drain(now=lambda: NOW) == 0


def test_the_queued_result_equals_a_full_inline_recompute(
    db: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    greta = actor(db, world.user_of(world.greta, db))
    today = local_date(NOW, world.greta.timezone)
    monkeypatch.setenv("RUNSEASON_METRICS_REFRESH", "queued")
    reset_settings_cache()
    try:
        for back in range(20, -1, -1):
            day = today - timedelta(days=back)
            data = CheckInCreate(**{**GOOD.model_dump(), "local_date": day})
            if back <= 7:
                checkins.submit_checkin(db, greta, world.greta.id, data, now=NOW)
            if back % 2 == 0 and back <= 7:
                training.log_session(
                    db,
                    greta,
                    world.greta.id,
                    TrainingLogCreate(local_date=day, duration_s=2400 + back * 60, rpe=5),
                    now=NOW,
                )
        assert len(_jobs(db)) == 1
        worker.drain(now=lambda: NOW)
    finally:
        monkeypatch.undo()
        reset_settings_cache()
    queued_rows = _metric_rows(db, world.greta.id)
    assert len(queued_rows) >= 8
    # Now the whole history again, inline, from the first day: nothing may change.
    snapshots.refresh_after_change(db, world.greta.id, today - timedelta(days=30), now=NOW)
    db.expire_all()
    assert _metric_rows(db, world.greta.id) == queued_rows


@pytest.mark.usefixtures("queued")
def test_a_failing_refresh_is_kept_with_its_error_and_does_not_stop_the_others(
    db: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    for athlete in (world.greta, world.riley):
        who = actor(db, world.user_of(athlete, db))
        checkins.submit_checkin(db, who, athlete.id, GOOD, now=NOW)
    real = snapshots.apply_refresh  # the writing step of both ways of draining
    batches: list[list[int]] = []

    def broken(session: Session, prepared: snapshots.Prepared, now: Any) -> None:
        ids = sorted(part.athlete.id for part in prepared.batch)
        batches.append(ids)
        if world.greta.id in ids:
            raise RuntimeError("disk on fire")
        real(session, prepared, now)

    monkeypatch.setattr(snapshots, "apply_refresh", broken)
    assert worker.drain(now=lambda: NOW) == 1  # Riley's went through
    # Both came in one batch; it failed and was rolled back, then each job was taken alone.
    both = sorted((world.greta.id, world.riley.id))
    assert batches[0] == both
    assert sorted(batches[1:]) == [[world.greta.id], [world.riley.id]]
    (job,) = _jobs(db)
    assert job.athlete_id == world.greta.id
    assert job.attempts == 1
    assert job.last_error is not None
    assert "disk on fire" in job.last_error
    assert job.not_before > NOW
    status = queue.queue_status(db)
    assert (status.pending, status.failing) == (1, 1)
    assert worker.drain(now=lambda: NOW) == 0  # not due yet: no busy loop on a poison job
    monkeypatch.setattr(snapshots, "apply_refresh", real)
    assert worker.drain(now=lambda: NOW + timedelta(minutes=5)) == 1
    assert _jobs(db) == []
    assert db.get(AthleteSnapshot, world.greta.id) is not None


@pytest.mark.usefixtures("queued")
def test_logged_and_deleted_sessions_are_queued_too(db: Session, world: World) -> None:
    greta = actor(db, world.user_of(world.greta, db))
    today = local_date(NOW, world.greta.timezone)
    log = training.log_session(
        db,
        greta,
        world.greta.id,
        TrainingLogCreate(local_date=today - timedelta(days=3), duration_s=3000, rpe=6),
        now=NOW,
    )
    assert [j.from_day for j in _jobs(db)] == [today - timedelta(days=3)]
    worker.drain(now=lambda: NOW)
    assert db.get(DailyMetric, (world.greta.id, today - timedelta(days=3))) is not None
    training.delete_log(db, greta, log.id, now=NOW)
    assert [j.from_day for j in _jobs(db)] == [today - timedelta(days=3)]
    worker.drain(now=lambda: NOW)
    row = db.get(DailyMetric, (world.greta.id, today - timedelta(days=3)))
    assert row is not None
    assert row.load == 0


@pytest.mark.usefixtures("queued")
def test_a_job_covers_the_changed_days_and_a_plan_wide_change_every_day_to_today(
    db: Session, world: World
) -> None:
    greta = actor(db, world.user_of(world.greta, db))
    today = local_date(NOW, world.greta.timezone)
    log = training.log_session(
        db,
        greta,
        world.greta.id,
        TrainingLogCreate(local_date=today - timedelta(days=9), duration_s=3000, rpe=6),
        now=NOW,
    )
    assert [(j.from_day, j.to_day) for j in _jobs(db)] == [(today - timedelta(9),) * 2]
    assert worker.drain(now=lambda: NOW) == 1
    assert db.get(DailyMetric, (world.greta.id, today - timedelta(days=9))) is not None
    # Moved to another day: both days changed, the job spans them.
    training.update_log(
        db, greta, log.id, TrainingLogUpdate(local_date=today - timedelta(days=4)), now=NOW
    )
    assert [(j.from_day, j.to_day) for j in _jobs(db)] == [
        (today - timedelta(9), today - timedelta(4))
    ]
    queue.enqueue(
        db, world.greta.id, world.greta.organization_id, today - timedelta(days=2), now=NOW
    )
    assert [(j.from_day, j.to_day) for j in _jobs(db)] == [(today - timedelta(9), None)]
    assert worker.drain(now=lambda: NOW) == 1
    rows = {r.day: r for r in history.read(db, world.greta.id, date.min, today)}
    assert rows[today - timedelta(days=9)].load == 0
    assert rows[today - timedelta(days=4)].load > 0
    assert max(rows) == today


def test_inline_mode_leaves_no_job(db: Session, world: World) -> None:
    greta = actor(db, world.user_of(world.greta, db))
    checkins.submit_checkin(db, greta, world.greta.id, GOOD, now=NOW)
    assert _jobs(db) == []
    assert db.get(AthleteSnapshot, world.greta.id) is not None


def test_the_worker_skips_an_athlete_whose_write_is_in_flight(tmp_path: Path) -> None:
    """A check-in holding the athlete's lock is never waited for (PostgreSQL row locks)."""
    with migrated_factory(tmp_path, "skip") as (engine, factory):
        with factory() as session:
            world = make_world(session)
            ids = [world.greta.id, world.riley.id]
            for athlete_id in ids:
                queue.enqueue(session, athlete_id, world.north.id, NOW.date(), now=NOW)
            session.commit()
        holder = factory()
        holder.execute(
            select(Athlete.id).where(Athlete.id == ids[0]).with_for_update()
        )  # a write for Greta in flight
        try:
            if engine.dialect.name != "postgresql":
                holder.rollback()  # SQLite serializes whole write transactions instead
            with factory() as session:
                done = queue.process_due(session, now=NOW, limit=2)
                session.commit()
            expected = [ids[1]] if engine.dialect.name == "postgresql" else sorted(ids)
            assert done == expected
        finally:
            holder.rollback()
            holder.close()
        with factory() as session:
            user = session.scalar(select(User).where(User.id == world.greta.user_id))
            assert user is not None
            assert actor_for_user(session, user).athlete_id == ids[0]


def test_a_write_reads_the_athlete_and_takes_its_row_lock_in_one_statement(
    tmp_path: Path,
) -> None:
    """On PostgreSQL ``get_athlete(write=True)`` holds the row lock the worker skips."""
    with migrated_factory(tmp_path, "lockread") as (engine, factory):
        with factory() as session:
            world = make_world(session)
            session.commit()
            greta_id, greta_user = world.greta.id, world.greta.user_id
        statements: list[str] = []
        writer = factory()
        me = actor_for_user(writer, writer.get_one(User, greta_user))

        def seen(_c: Any, _cur: Any, statement: str, *_rest: Any) -> None:
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", seen)
        try:
            get_athlete(writer, me, greta_id, write=True)
        finally:
            event.remove(engine, "before_cursor_execute", seen)
        try:
            reads = [s for s in statements if "FROM athletes" in s]
            assert len(reads) == 1
            if engine.dialect.name == "postgresql":
                assert "FOR UPDATE" in reads[0]
                with factory() as other:
                    assert lock_athletes(other, [greta_id]) == []  # held by the writer
            else:
                assert "FOR UPDATE" not in reads[0]  # SQLite serializes whole writes instead
        finally:
            writer.rollback()
            writer.close()


@pytest.mark.usefixtures("queued")
def test_a_refresh_writes_each_snapshot_once_with_its_readiness_and_risk(tmp_path: Path) -> None:
    """In the worker's own transaction (nothing read or cached before it)."""
    updates: list[str] = []

    def seen(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, many: bool) -> None:
        if statement.startswith("UPDATE athlete_snapshots"):
            updates.extend([statement] * (len(params) if many else 1))

    with migrated_factory(tmp_path, "snaponce") as (engine, factory):
        with factory() as session:
            world = make_world(session)
            session.commit()
            greta_id, greta_user = world.greta.id, world.greta.user_id

        def submit(values: CheckInCreate) -> None:
            with factory() as session:
                me = actor_for_user(session, session.get_one(User, greta_user))
                checkins.submit_checkin(session, me, greta_id, values, now=NOW)
                session.commit()

        def refresh() -> list[int]:
            with factory() as session:
                done = queue.process_due(session, now=NOW, limit=10)
                session.commit()
                return done

        submit(GOOD)
        assert refresh() == [greta_id]  # the snapshot's first row
        submit(CheckInCreate(**{**GOOD.model_dump(), "energy": 2, "sleep_quality": 2}))
        event.listen(engine, "before_cursor_execute", seen)
        try:
            assert refresh() == [greta_id]
        finally:
            event.remove(engine, "before_cursor_execute", seen)
    # The readiness, the risk and the open interventions together: one UPDATE, not one per step.
    assert len(updates) == 1
    for column in ("readiness_score", "risk", "top_factors", "open_interventions"):
        assert column in updates[0]


# ---------------------------------------------------------------- read, then write (SQLite's way)


def _claim(limit: int = 10) -> queue.Claim:
    with session_scope(readonly=True) as session:
        claim = queue.prepare_due(session, now=NOW, limit=limit)
    assert claim is not None
    return claim


def _apply(claim: queue.Claim) -> list[int]:
    with session_scope() as session:
        return queue.apply_due(session, claim, now=NOW)


@pytest.mark.usefixtures("queued")
def test_a_check_in_between_reading_and_writing_a_batch_keeps_its_job(
    db: Session, world: World
) -> None:
    """The batch worked out before Greta's second check-in must not overwrite it."""
    for athlete in (world.greta, world.riley):
        checkins.submit_checkin(
            db, actor(db, world.user_of(athlete, db)), athlete.id, GOOD, now=NOW
        )
    claim = _claim()
    assert sorted(claim.seen) == sorted((world.greta.id, world.riley.id))
    greta = actor(db, world.user_of(world.greta, db))
    later = checkins.submit_checkin(db, greta, world.greta.id, PAIN, now=NOW)
    assert _apply(claim) == [world.riley.id]
    assert [j.athlete_id for j in _jobs(db)] == [world.greta.id]
    assert db.get(AthleteSnapshot, world.greta.id) is None  # nothing written for her
    riley = db.get(AthleteSnapshot, world.riley.id)
    assert riley is not None
    assert riley.readiness_score is not None

    assert worker.drain(now=lambda: NOW) == 1  # her job, now with the pain check-in
    assert _jobs(db) == []
    snap = db.get(AthleteSnapshot, world.greta.id)
    assert snap is not None
    assert snap.readiness_score == later.readiness_score
    queued_rows = _metric_rows(db, world.greta.id)
    today = local_date(NOW, world.greta.timezone)
    snapshots.refresh_after_change(db, world.greta.id, today - timedelta(days=30), now=NOW)
    db.expire_all()
    assert _metric_rows(db, world.greta.id) == queued_rows


@pytest.mark.usefixtures("queued")
def test_a_refresh_on_a_request_between_reading_and_writing_is_not_overwritten(
    db: Session, world: World
) -> None:
    """A plan change refreshes on its request: the batch read before it is out of date."""
    checkins.submit_checkin(
        db, actor(db, world.user_of(world.greta, db)), world.greta.id, GOOD, now=NOW
    )
    claim = _claim()
    today = local_date(NOW, world.greta.timezone)
    snapshots.refresh_after_change(db, world.greta.id, today, now=NOW + timedelta(seconds=1))
    assert _apply(claim) == []
    assert [j.athlete_id for j in _jobs(db)] == [world.greta.id]  # taken at the next round
    snap = db.get(AthleteSnapshot, world.greta.id)
    assert snap is not None
    assert snap.updated_at == NOW + timedelta(seconds=1)  # the request's refresh stands


@pytest.mark.usefixtures("queued")
def test_a_job_another_worker_took_meanwhile_is_not_written_twice(
    db: Session, world: World
) -> None:
    for athlete in (world.greta, world.riley):
        queue.enqueue(db, athlete.id, world.north.id, NOW.date(), now=NOW)
    claim = _claim()
    with session_scope() as session:  # a second worker takes Riley's job first
        assert queue.process_due(session, now=NOW, limit=1) == [min(world.greta.id, world.riley.id)]
    assert _apply(claim) == [max(world.greta.id, world.riley.id)]
    assert _jobs(db) == []


@pytest.mark.usefixtures("queued")
def test_the_worker_reads_before_it_locks_and_locks_only_to_check_and_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history, the inputs and the arithmetic take no lock; the lock (SQLite's write lock,
    PostgreSQL's row locks) covers only the claim's checks and the writes."""
    statements: list[str] = []

    def seen(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        statements.append(" ".join(statement.split()))

    acquire = WriteLock.acquire

    def locking(lock: WriteLock) -> bool:
        statements.append("LOCK")
        return acquire(lock)

    monkeypatch.setattr(WriteLock, "acquire", locking)
    with migrated_factory(tmp_path, "split") as (engine, factory):
        with factory() as session:
            world = make_world(session)
            me = actor_for_user(session, session.get_one(User, world.greta.user_id))
            checkins.submit_checkin(session, me, world.greta.id, GOOD, now=NOW)
            session.commit()
            greta_id = world.greta.id
        use_session_factory(factory)
        statements.clear()
        event.listen(engine, "before_cursor_execute", seen)
        try:
            assert worker.drain(now=lambda: NOW) == 1
        finally:
            event.remove(engine, "before_cursor_execute", seen)
            use_session_factory(None)
        with factory() as session:
            assert session.get(AthleteSnapshot, greta_id) is not None
            assert session.scalar(select(MetricRefreshJob)) is None
    marker = "FOR UPDATE SKIP LOCKED" if engine.dialect.name == "postgresql" else "LOCK"
    locks = [i for i, s in enumerate(statements) if marker in s]
    assert len(locks) == 1
    reading, writing = statements[: locks[0]], statements[locks[0] :]
    writes = ("INSERT", "UPDATE", "DELETE")
    assert not [s for s in reading if s.startswith(writes)]
    # The changed days' inputs ("ranges") and the stored history are read before the lock only.
    assert any(s.startswith("WITH ranges") for s in reading)
    assert any("FROM daily_metrics" in s or "FROM load_series" in s for s in reading)
    assert not any(s.startswith("WITH ranges") for s in writing)
    assert not any(s.startswith("SELECT") and "FROM load_series" in s for s in writing)
    assert any(s.startswith("DELETE FROM metric_refresh_jobs") for s in writing)
    assert any(
        s.startswith(("INSERT INTO athlete_snapshots", "UPDATE athlete_snapshots")) for s in writing
    )
